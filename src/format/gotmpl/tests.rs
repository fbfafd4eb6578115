//! Cases shaped after Go's text/template exec_test.go, over JSON data.

use super::Template;
use serde_json::{json, Value};

fn data() -> Value {
    json!({
        "True": true, "False": false, "I": 17, "U": 0, "X": "x", "Empty": "", "F": 1.5,
        "Big": 1000000.0, "Neg": -3,
        "SI": [3, 4, 5], "SEmpty": [], "SS": ["a", "b"], "Nil": null,
        "MSI": {"one": 1, "two": 2, "three": 3}, "MEmpty": {},
        "Labels": {"com.example": "yes", "a": "b"},
        "State": {"Status": "running", "ExitCode": 0, "Health": null},
        "Config": {"Labels": {"x": "1"}, "Env": ["A=1", "B=2"]},
        "Mounts": [{"Source": "/a", "Destination": "/b"}, {"Source": "/c", "Destination": "/d"}],
        "Str": "hello, world", "HTML": "<b>&'\"</b>",
    })
}

fn run(tpl: &str) -> Result<String, String> {
    Template::parse(tpl)
        .and_then(|t| t.execute(&data()))
        .map_err(|e| e.to_string())
}

fn check(cases: &[(&str, &str)]) {
    for (tpl, want) in cases {
        match run(tpl) {
            Ok(got) => assert_eq!(&got, want, "template {tpl:?}"),
            Err(e) => panic!("template {tpl:?}: unexpected error {e}"),
        }
    }
}

fn check_err(cases: &[(&str, &str)]) {
    for (tpl, want) in cases {
        match run(tpl) {
            Ok(got) => panic!("template {tpl:?}: expected an error, got {got:?}"),
            Err(e) => assert!(
                e.contains(want),
                "template {tpl:?}: error {e:?} lacks {want:?}"
            ),
        }
    }
}

#[test]
fn text_fields_and_constants() {
    check(&[
        ("", ""),
        ("hello", "hello"),
        ("{{.X}}", "x"),
        ("{{.I}} {{.U}} {{.Neg}}", "17 0 -3"),
        ("{{.F}} {{.Big}}", "1.5 1e+06"),
        ("{{.True}} {{.False}}", "true false"),
        ("{{.State.Status}}", "running"),
        ("{{.SI}} {{.SS}} {{.SEmpty}}", "[3 4 5] [a b] []"),
        ("{{.MSI}}", "map[one:1 three:3 two:2]"),
        // docker's structs print as Go prints a struct: field values in order.
        ("{{.State}}", "{running 0 <nil>}"),
        ("{{.Config}}", "{map[x:1] [A=1 B=2]}"),
        ("{{.Mounts}}", "[{/a /b} {/c /d}]"),
        // A nil struct pointer left out of docker's JSON is still a field: nil.
        ("{{.Config.Health}}", "<nil>"),
        ("{{.Nil}}", "<nil>"),
        ("{{.Labels.nope}}", "<no value>"),
        ("{{.Config.Labels.nope}}", "<no value>"),
        (
            "{{1}} {{-1}} {{1.5}} {{1e3}} {{0x10}} {{'a'}} {{\"s\"}} {{`raw`}}",
            "1 -1 1.5 1000 16 97 s raw",
        ),
        ("{{true}} {{false}}", "true false"),
        ("{{\"\\t\\u00e9\"}}", "\té"),
        ("{{.}}", &fmt_all()),
    ]);
}

fn fmt_all() -> String {
    super::fmt::plain(&data())
}

#[test]
fn trim_and_comments() {
    check(&[
        ("a  {{- .X -}}  b", "axb"),
        ("a \n{{- 3 }} b", "a3 b"),
        ("{{/* c */}}x", "x"),
        ("a {{- /* c */ -}} b", "ab"),
        ("{{- /* multi\nline */ -}}", ""),
        ("{{-3}}", "-3"),
    ]);
}

#[test]
fn variables() {
    check(&[
        ("{{$}}", &fmt_all()),
        ("{{$x := .X}}{{$x}}", "x"),
        ("{{$x := 1}}{{$x = 2}}{{$x}}", "2"),
        ("{{$x := .State}}{{$x.Status}}", "running"),
        ("{{with $x := .X}}{{$x}}{{end}}", "x"),
        ("{{range .SI}}{{$.X}}{{end}}", "xxx"),
        ("{{$x := 1}}{{range .SI}}{{$x = .}}{{end}}{{$x}}", "5"),
        ("{{if true}}{{$y := 1}}{{end}}{{$y := 2}}{{$y}}", "2"),
    ]);
}

#[test]
fn control() {
    check(&[
        ("{{if .True}}T{{end}}", "T"),
        ("{{if .False}}T{{else}}F{{end}}", "F"),
        ("{{if .Empty}}1{{else if .X}}2{{else}}3{{end}}", "2"),
        ("{{if 0}}1{{else if 0.0}}2{{else if .SEmpty}}3{{else if .MEmpty}}4{{else if .Nil}}5{{else}}6{{end}}", "6"),
        ("{{if .Labels.nope.X}}1{{else}}0{{end}}", "0"),
        ("{{with .X}}{{.}}{{end}}", "x"),
        ("{{with .Empty}}{{.}}{{else}}E{{end}}", "E"),
        ("{{with .Empty}}1{{else with .X}}{{.}}{{end}}", "x"),
        ("{{range .SI}}<{{.}}>{{end}}", "<3><4><5>"),
        ("{{range $i, $e := .SI}}{{$i}}={{$e}} {{end}}", "0=3 1=4 2=5 "),
        ("{{range $e := .SS}}{{$e}}{{end}}", "ab"),
        ("{{range .SEmpty}}x{{else}}empty{{end}}", "empty"),
        ("{{range .Nil}}x{{else}}nil{{end}}", "nil"),
        ("{{range $k, $v := .MSI}}{{$k}}={{$v}};{{end}}", "one=1;three=3;two=2;"),
        ("{{range .MSI}}{{.}}{{end}}", "132"),
        ("{{range .SI}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}", "3"),
        ("{{range .SI}}{{if eq . 4}}{{continue}}{{end}}{{.}}{{end}}", "35"),
        ("{{range 3}}{{.}}{{end}}", "012"),
        (
            "{{range .SI}}{{.}}{{range $.SEmpty}}{{else}}{{if eq . 4}}{{break}}{{end}}{{end}}{{end}}",
            "34",
        ),
        ("{{range .Mounts}}{{.Source}}:{{.Destination}} {{end}}", "/a:/b /c:/d "),
        ("{{range .SI}}{{range $.SS}}{{.}}{{end}}{{end}}", "ababab"),
    ]);
}

#[test]
fn pipelines_and_functions() {
    check(&[
        ("{{.X | printf \"%s!\"}}", "x!"),
        ("{{\"a\" | printf \"%s%s\" \"b\"}}", "ba"),
        ("{{(printf \"%d\" 3)}}", "3"),
        ("{{(.State).Status}}", "running"),
        ("{{len .SI}} {{len .MSI}} {{len .Str}}", "3 3 12"),
        (
            "{{index .SI 1}} {{index .MSI \"two\"}} {{index .Config.Labels \"x\"}}",
            "4 2 1",
        ),
        (
            "{{index .Config.Labels \"none\"}}|{{index .MSI \"none\"}}|{{index .MEmpty \"x\"}}",
            "|0|",
        ),
        ("{{index .State \"none\"}}", "<nil>"),
        ("{{index .Mounts 1 \"Source\"}}", "/c"),
        (
            "{{slice .SI 1}} {{slice .SI 1 2}} {{slice .Str 0 5}} {{slice .SI}}",
            "[4 5] [4] hello [3 4 5]",
        ),
        (
            "{{and 1 0 2}} {{and 1 2}} {{or 0 \"\" 3}} {{or 0 \"\"}}",
            "0 2 3 ",
        ),
        ("{{and .False .Nope.X}} {{or .True .Nope.Y}}", "false true"),
        ("{{not .True}} {{not 0}}", "false true"),
        (
            "{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}",
            "false 0 0 1",
        ),
        (
            "{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}",
            "0 1 true 1",
        ),
        (
            "{{or .SEmpty \"slice is empty\"}} {{or .SI \"x\"}}",
            "slice is empty [3 4 5]",
        ),
        (
            "{{if and true 1 `hi` | not}}TRUE{{else}}FALSE{{end}}",
            "FALSE",
        ),
        (
            "{{if $x := true}}{{with $x := .I}}{{$x}},{{end}}{{$x}}{{end}}",
            "17,true",
        ),
        (
            "{{html \"<script>alert(\\\"XSS\\\");</script>\"}}",
            "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;",
        ),
        (
            "{{\"http://www.example.org/\"|urlquery}}",
            "http%3A%2F%2Fwww.example.org%2F",
        ),
        ("{{(index .Mounts 0).Source}}", "/a"),
        (
            "{{eq 1 1}} {{eq 1 2 3 1}} {{eq .X \"x\"}} {{eq .Nil nil}} {{ne 1 2}}",
            "true true true true true",
        ),
        (
            "{{lt 1 2}} {{le 2 2}} {{gt 1 2}} {{ge \"b\" \"a\"}} {{lt 1.5 2.5}}",
            "true true false true true",
        ),
        ("{{print 1 2 \"a\" 3 \"b\" \"c\"}}", "1 2a3bc"),
        ("{{println 1 \"a\"}}", "1 a\n"),
        ("{{html .HTML}}", "&lt;b&gt;&amp;&#39;&#34;&lt;/b&gt;"),
        (
            "{{js .HTML}}",
            "\\u003Cb\\u003E\\u0026\\'\\\"\\u003C/b\\u003E",
        ),
        ("{{urlquery \"a b&c\"}}", "a+b%26c"),
        ("{{.X | len | printf \"%03d\"}}", "001"),
    ]);
}

#[test]
fn docker_functions() {
    check(&[
        (
            "{{json .SS}} {{json .Nil}} {{json .HTML}}",
            r#"["a","b"] null "<b>&'\"</b>""#,
        ),
        ("{{join .SS \", \"}}", "a, b"),
        ("{{join .Config.Env \";\"}}", "A=1;B=2"),
        (
            "{{split \"a:b:c\" \":\"}} {{len (split \"a:b:c\" \":\")}}",
            "[a b c] 3",
        ),
        (
            "{{title \"hello wide-world\"}} {{lower \"AbC\"}} {{upper .X}}",
            "Hello Wide-World abc X",
        ),
        ("[{{pad .X 2 3}}][{{pad \"\" 2 3}}]", "[  x   ][]"),
        ("{{truncate .Str 5}} {{truncate \"ab\" 5}}", "hello ab"),
        ("{{.Label \"com.example\"}}|{{.Label \"none\"}}", "yes|"),
    ]);
    let ps = json!({"Labels": "a=1,b=2"});
    let t = Template::parse("{{.Label \"b\"}}").unwrap();
    assert_eq!(t.execute(&ps).unwrap(), "2");
}

#[test]
fn printf_verbs() {
    check(&[
        ("{{printf \"%s|%v|%q\" .X .X .X}}", "x|x|\"x\""),
        (
            "{{printf \"%d|%5d|%-5d|%05d|%+d|%x|%X|%o|%b|%c\" 42 42 42 42 42 255 255 8 5 65}}",
            "42|   42|42   |00042|+42|ff|FF|10|101|A",
        ),
        (
            "{{printf \"%#x|%#o|%U|%q\" 255 8 65 65}}",
            "0xff|010|U+0041|'A'",
        ),
        (
            "{{printf \"%5s|%-5s|%.2s|%5.1s|\" \"ab\" \"ab\" \"abc\" \"abc\"}}",
            "   ab|ab   |ab|    a|",
        ),
        (
            "{{printf \"%f|%.2f|%8.3f|%e|%g|%v\" 1.5 3.14159 2.5 1234.5678 0.00001 2.0}}",
            "1.500000|3.14|   2.500|1.234568e+03|1e-05|2",
        ),
        ("{{printf \"%t|%v\" true false}}", "true|false"),
        ("{{printf \"%v|%d\" .SI .SI}}", "[3 4 5]|[3 4 5]"),
        ("{{printf \"%q\" .SS}}", "[\"a\" \"b\"]"),
        ("{{printf \"%x\" \"hi\"}}", "6869"),
        ("{{printf \"%d\" \"s\"}}", "%!d(string=s)"),
        ("{{printf \"%s\" 3}}", "%!s(int=3)"),
        ("{{printf \"%d\"}}", "%!d(MISSING)"),
        ("{{printf \"x\" 1}}", "x%!(EXTRA int=1)"),
        ("{{printf \"%v %s\" nil .Nil}}", "<nil> %!s(<nil>)"),
        ("{{printf \"%%|%*d|%-*d|\" 4 1 3 2}}", "%|   1|2  |"),
        ("{{printf \"%6.2f|%-8.3e|\" -1.5 1.0}}", " -1.50|1.000e+00|"),
        (
            "{{printf \"%g %g %g %.3g\" 100000.0 1000000.0 1e21 3.14159}}",
            "100000 1e+06 1e+21 3.14",
        ),
        ("{{printf \"%v\" .MSI}}", "map[one:1 three:3 two:2]"),
        ("{{printf \"%[2]s %[1]s %s\" \"a\" \"b\"}}", "b a b"),
        ("{{printf \"%[3]d\" 1}}", "%!d(BADINDEX)"),
        ("{{printf \"%[1]*d|\" 3 4}}", "  4|"),
        (
            "{{printf \"%#v|%#v|%#v|%#v\" .X .I .SS .Nil}}",
            "\"x\"|17|[]interface {}{\"a\", \"b\"}|interface {}(nil)",
        ),
        (
            "{{printf \"%#v\" .Labels}}",
            "map[string]interface {}{\"a\":\"b\", \"com.example\":\"yes\"}",
        ),
        ("{{printf \"%\"}}", "%!(NOVERB)"),
        (
            "{{printf \"%T %T %T %T %T\" 0xef 1.5 \"s\" .SI nil}}",
            "int float64 string []interface {} <nil>",
        ),
        (
            "{{printf \"%04x\" 127}} {{printf \"%g\" 3.5}} {{\"aaa\" | printf}}",
            "007f 3.5 aaa",
        ),
    ]);
}

#[test]
fn define_template_block() {
    check(&[
        ("{{define \"t\"}}[{{.}}]{{end}}{{template \"t\" .X}}{{template \"t\"}}", "[x][<no value>]"),
        ("{{template \"t\" .SI}}{{define \"t\"}}{{range .}}{{.}}{{end}}{{end}}", "345"),
        ("{{block \"b\" .State}}{{.Status}}{{end}}", "running"),
        ("{{define \"v\"}}{{$}}{{end}}{{$x := 1}}{{template \"v\" 2}}", "2"),
        (
            "{{define \"r\"}}{{if .}}{{len .}}{{template \"r\" slice . 1}}{{end}}{{end}}{{template \"r\" .SI}}",
            "321",
        ),
    ]);
    check_err(&[
        ("{{template \"nope\"}}", "template \"nope\" not defined"),
        (
            "{{if 1}}{{define \"x\"}}{{end}}{{end}}",
            "unexpected <define> in command",
        ),
        (
            "{{define \"x\"}}{{$y}}{{end}}{{$y := 1}}",
            "undefined variable \"$y\"",
        ),
    ]);
}

#[test]
fn parse_errors() {
    check_err(&[
        ("{{foo}}", "template: :1: function \"foo\" not defined"),
        ("{{.X", "unclosed action"),
        ("{{if .X}}", "unexpected EOF"),
        ("{{end}}", "unexpected {{end}}"),
        ("{{else}}", "unexpected {{else}}"),
        ("{{$x}}", "undefined variable \"$x\""),
        (
            "{{range .SI}}{{end}}{{break}}",
            "{{break}} outside {{range}}",
        ),
        ("{{\"abc}}", "unterminated quoted string"),
        ("{{(1}}", "unclosed left paren"),
        ("{{1)}}", "unexpected right paren"),
        ("{{/* x }}", "unclosed comment"),
        ("{{3x}}", "bad number syntax"),
        (
            "a\n{{nofunc}}",
            "template: :2: function \"nofunc\" not defined",
        ),
        ("{{.X | 3}}", "non executable command in pipeline stage 2"),
        ("{{}}", "missing value for command"),
        (
            "{{.X\"a\"}}",
            "template: :1: unexpected \"\\\"a\\\"\" in operand",
        ),
        (
            "{{if .X}}{{else}}{{else}}{{end}}",
            "expected end; found {{else}}",
        ),
        ("{{\"\\'\"}}", "template: :1: invalid syntax"),
        (
            "{{ /* c */ }}",
            "unrecognized character in action: U+002F '/'",
        ),
    ]);
}

#[test]
fn exec_errors() {
    check_err(&[
        (
            "{{.Nope}}",
            "template: :1:2: executing \"\" at <.Nope>: map has no entry for key \"Nope\"",
        ),
        ("{{.State.Nope}}", "map has no entry for key \"Nope\""),
        ("{{.X.Y}}", "can't evaluate field Y in type string"),
        (
            "{{.State.Health.Status}}",
            "nil pointer evaluating interface {}.Status",
        ),
        ("{{$x := .Nil}}{{$x.anything}}", "nil pointer evaluating"),
        ("{{(nil).True}}", "nil is not a command"),
        ("{{true|printf}}", "expected string; got bool"),
        (
            "{{index .SI 5}}",
            "error calling index: index out of range: 5",
        ),
        (
            "{{index .X 1.5}}",
            "cannot index slice/array with type float64",
        ),
        ("{{index .Nil 1}}", "index of untyped nil"),
        ("{{len 3}}", "error calling len: len of type int"),
        (
            "{{eq 1 \"1\"}}",
            "error calling eq: incompatible types for comparison",
        ),
        ("{{eq .SI .SI}}", "non-comparable type"),
        ("{{lt true false}}", "invalid type for comparison"),
        ("{{lt 1 1.5}}", "incompatible types for comparison"),
        (
            "{{call .X}}",
            "error calling call: non-function .X of type string",
        ),
        ("{{call .Nil}}", "call of nil"),
        ("{{range .X}}{{end}}", "range can't iterate over x"),
        (
            "{{upper 3}}",
            "wrong type for value; expected string; got int",
        ),
        ("{{not 1 2}}", "wrong number of args for not: want 1 got 2"),
        ("{{.X 1}}", "X is not a method but has arguments"),
        ("{{1 2}}", "can't give argument to non-function 1"),
        ("{{slice .SI 2 1}}", "invalid slice index: 2 > 1"),
        ("{{join .SI \",\"}}", "expected []string"),
    ]);
}

#[test]
fn hostile_input() {
    // Deep nesting is refused, not a stack overflow.
    let deep = "{{if 1}}".repeat(10_000) + &"{{end}}".repeat(10_000);
    assert!(run(&deep).unwrap_err().contains("nested more than 100"));
    let parens = "{{".to_string() + &"(".repeat(10_000) + "1" + &")".repeat(10_000) + "}}";
    assert!(run(&parens).unwrap_err().contains("nested more than 100"));
    // Endless recursion ends at the depth limit, also with nesting in each level.
    let rec = "{{define \"a\"}}{{template \"a\" .}}{{end}}{{template \"a\" .}}";
    assert!(run(rec)
        .unwrap_err()
        .contains("exceeded maximum template depth (300)"));
    let body = "{{if 1}}".repeat(99) + "{{template \"a\" .}}" + &"{{end}}".repeat(99);
    let rec = format!("{{{{define \"a\"}}}}{body}{{{{end}}}}{{{{template \"a\" .}}}}");
    assert!(run(&rec)
        .unwrap_err()
        .contains("exceeded maximum template depth"));
    // Many siblings are fine.
    assert_eq!(run(&"{{1}}".repeat(10_000)).unwrap().len(), 10_000);
    // Huge widths: Go gives up on the format.
    assert_eq!(run("{{printf \"%99999999999d\" 1}}").unwrap(), "%!(NOVERB)");
    assert_eq!(
        run("{{printf \"%.99999999999f\" 1.0}}").unwrap(),
        "%!(NOVERB)"
    );
    assert!(run("{{printf \"%*d\" 99999999999 1}}")
        .unwrap()
        .contains("%!(BADWIDTH)"));
    assert!(run("{{pad \"x\" 999999999999 1}}")
        .unwrap_err()
        .contains("too large"));
    assert!(run("{{range 99999999999}}{{end}}")
        .unwrap_err()
        .contains("too many"));
    // Unterminated and broken input errors, never panics.
    for t in [
        "{{",
        "{{-",
        "{{ -",
        "{{/*",
        "{{\"",
        "{{`",
        "{{'",
        "{{'ab'}}",
        "{{$",
        "{{.",
        "{{(",
        "{{)",
        "{{|}}",
        "{{range}}",
        "{{if}}{{end}}",
        "{{with}}",
        "{{else if}}",
        "{{ $x := }}",
        "{{ $x, $y := 1 }}",
        "{{range $a, $b, $c := .SI}}{{end}}",
        "{{1 |}}",
        "{{.X.}}",
        "{{\"\\x\"}}",
        "{{'\\u12'}}",
        "{{0x}}",
        "{{1e}}",
        "{{--1}}",
        "{{printf}}",
        "{{index}}",
        "{{slice .Str 1 2 3}}",
        "{{é}}",
    ] {
        let _ = run(t);
    }
}

/// Hostile input: random soups of the language's tokens error or render, never panic
/// (run with more iterations and other seeds while developing).
#[test]
fn random_token_soup_never_panics() {
    let toks = [
        "{{",
        "}}",
        "{{- ",
        " -}}",
        "/*",
        "*/",
        " ",
        ".",
        ".X",
        ".SI",
        ".MSI",
        "$",
        "$x",
        ":=",
        "=",
        ",",
        "|",
        "(",
        ")",
        "\"",
        "`",
        "'",
        "a",
        "1",
        "-",
        "1.5",
        "0x",
        "e",
        "if",
        "else",
        "end",
        "range",
        "with",
        "break",
        "continue",
        "define",
        "template",
        "block",
        "\"t\"",
        "index",
        "slice",
        "len",
        "printf",
        "\"%5d%q%v%-3s%x%.2f%*d\"",
        "and",
        "or",
        "not",
        "eq",
        "lt",
        "print",
        "json",
        "join",
        "split",
        "pad",
        "truncate",
        "call",
        "nil",
        "true",
        "é",
        "\n",
        "\\",
        "%",
        "$.",
        "..",
        "{{/*",
        "*/}}",
        "\"\\u00e9\"",
        "'\\n'",
        "Label",
    ];
    let mut seed: u64 = 0x9876_5431;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for _ in 0..20_000 {
        let n = next() % 14;
        let t: String = (0..n).map(|_| toks[next() % toks.len()]).collect();
        let t = if n % 2 == 0 {
            format!("{{{{{t}}}}}")
        } else {
            t
        };
        let _ = run(&t);
    }
}
