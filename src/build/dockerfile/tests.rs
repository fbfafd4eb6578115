//! The grammar as BuildKit documents it: forms, flags, errors with line numbers.

use super::*;

fn steps(text: &str) -> Vec<Instruction> {
    let d = parse(text).unwrap();
    d.stages
        .iter()
        .flat_map(|s| std::iter::once(&s.from).chain(&s.steps))
        .map(|s| s.instruction.clone())
        .collect()
}

fn err(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

#[test]
fn stages_and_global_args() {
    let d = parse(
        "ARG BASE=alpine\nARG V\nFROM $BASE AS Build\nRUN make\nfrom scratch\nCOPY --from=build /out /\n",
    )
    .unwrap();
    assert_eq!(d.global_args.len(), 2);
    assert_eq!(d.stages.len(), 2);
    assert_eq!(d.stages[0].name.as_deref(), Some("build"));
    assert_eq!(
        d.stages[0].from.instruction,
        Instruction::From {
            image: "$BASE".into(),
            alias: Some("Build".into()),
            platform: None
        }
    );
    assert_eq!(d.stages[1].name, None);
    assert_eq!(d.stages[1].steps[0].line, 6);
    assert_eq!(d.stages[1].steps[0].text, "COPY --from=build /out /");
    match &d.stages[1].steps[0].instruction {
        Instruction::Copy(c) => {
            assert_eq!(c.from.as_deref(), Some("build"));
            assert_eq!(c.args, ["/out", "/"]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn exec_and_shell_forms() {
    let s = steps(
        "FROM a\nRUN [\"echo\", \"a b\"]\nRUN echo $HOME\nCMD [\"x\"]\nENTRYPOINT [not json\nSHELL [\"/bin/bash\", \"-c\"]\n",
    );
    assert!(
        matches!(&s[1], Instruction::Run { cmd: Command::Exec(v), .. } if v == &["echo", "a b"])
    );
    assert!(matches!(&s[2], Instruction::Run { cmd: Command::Shell(t), .. } if t == "echo $HOME"));
    assert_eq!(s[3], Instruction::Cmd(Command::Exec(vec!["x".into()])));
    assert_eq!(
        s[4],
        Instruction::Entrypoint(Command::Shell("[not json".into()))
    );
    assert_eq!(
        s[5],
        Instruction::Shell(vec!["/bin/bash".into(), "-c".into()])
    );
    assert!(err("FROM a\nSHELL /bin/sh -c\n")
        .contains("line 2: SHELL requires the arguments to be in JSON form"));
}

#[test]
fn flags() {
    let s = steps("FROM --platform=$BUILDPLATFORM a\nRUN --mount=type=cache,target=/c --mount=type=tmpfs,target=/t --network=none make\nCOPY --chown=1:2 --chmod=644 --link a b\nADD --checksum=sha256:x http://h/f /f\n");
    assert!(matches!(&s[0], Instruction::From { platform: Some(p), .. } if p == "$BUILDPLATFORM"));
    match &s[1] {
        Instruction::Run {
            mounts,
            network,
            cmd,
            ..
        } => {
            assert_eq!(mounts, &["type=cache,target=/c", "type=tmpfs,target=/t"]);
            assert_eq!(network.as_deref(), Some("none"));
            assert_eq!(cmd, &Command::Shell("make".into()));
        }
        other => panic!("{other:?}"),
    }
    match &s[2] {
        Instruction::Copy(c) => {
            assert_eq!(
                (c.chown.as_deref(), c.chmod.as_deref(), c.link),
                (Some("1:2"), Some("644"), true)
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(&s[3], Instruction::Add(c) if c.checksum.as_deref() == Some("sha256:x")));
    assert!(err("FROM a\nCOPY --bogus=1 a b\n").contains("line 2: unknown flag: bogus"));
    assert!(
        err("FROM a\nCOPY --from=x a b\nADD --from=x a b\n").contains("line 3: unknown flag: from")
    );
    assert!(err("FROM a\nCOPY --link=maybe a b\n").contains("expecting boolean value"));
}

#[test]
fn env_label_arg_pairs() {
    let s = steps("FROM a\nENV A=1 B=\"two words\" C=x\\ y\nENV LEGACY some value here\nLABEL \"com.x\"=\"v w\" k=v\nARG X Y=2 Z=\"a b\"\n");
    assert_eq!(
        s[1],
        Instruction::Env(vec![
            ("A".into(), "1".into()),
            ("B".into(), "\"two words\"".into()),
            ("C".into(), "x\\ y".into()),
        ])
    );
    assert_eq!(
        s[2],
        Instruction::Env(vec![("LEGACY".into(), "some value here".into())])
    );
    assert_eq!(
        s[3],
        Instruction::Label(vec![
            ("\"com.x\"".into(), "\"v w\"".into()),
            ("k".into(), "v".into())
        ])
    );
    assert_eq!(
        s[4],
        Instruction::Arg(vec![
            ("X".into(), None),
            ("Y".into(), Some("2".into())),
            ("Z".into(), Some("\"a b\"".into()))
        ])
    );
    assert!(err("FROM a\nENV A=1 B\n").contains("can't find = in \"B\""));
    assert!(err("FROM a\nENV ONLY\n").contains("ENV must have two arguments"));
    assert!(err("FROM a\nLABEL =x\n").contains("LABEL names can not be blank"));
}

#[test]
fn healthcheck_onbuild_volume_maintainer() {
    let s = steps("FROM a\nHEALTHCHECK --interval=5s --retries=3 CMD curl -f http://x/ || exit 1\nHEALTHCHECK NONE\nONBUILD RUN echo hi\nVOLUME [\"/a\", \"/b c\"]\nVOLUME /d /e\nMAINTAINER me <me@x>\n");
    match &s[1] {
        Instruction::Healthcheck(h) => {
            assert_eq!(h.interval.as_deref(), Some("5s"));
            assert_eq!(h.retries.as_deref(), Some("3"));
            assert_eq!(
                h.cmd,
                Some(Command::Shell("curl -f http://x/ || exit 1".into()))
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s[2], Instruction::Healthcheck(Health::default()));
    assert_eq!(s[3], Instruction::Onbuild("RUN echo hi".into()));
    assert_eq!(
        s[4],
        Instruction::Volume(vec!["/a".into(), "/b c".into()], true)
    );
    assert_eq!(
        s[5],
        Instruction::Volume(vec!["/d".into(), "/e".into()], false)
    );
    assert_eq!(s[6], Instruction::Maintainer("me <me@x>".into()));
    assert!(err("FROM a\nHEALTHCHECK RUN x\n")
        .contains("Unknown type \"RUN\" in HEALTHCHECK (try CMD)"));
    assert!(err("FROM a\nONBUILD ONBUILD RUN x\n").contains("Chaining ONBUILD"));
    assert!(err("FROM a\nONBUILD FROM b\n").contains("FROM isn't allowed as an ONBUILD trigger"));
    assert!(err("FROM a\nONBUILD BOGUS x\n").contains("unknown instruction: BOGUS"));
}

#[test]
fn errors_name_the_line() {
    assert_eq!(
        err("FROM a\nFOO bar\n"),
        "dockerfile parse error on line 2: unknown instruction: FOO"
    );
    assert_eq!(
        err("RUN x\n"),
        "dockerfile parse error on line 1: no build stage in current context"
    );
    assert_eq!(
        err("FROM a b\n"),
        "dockerfile parse error on line 1: FROM requires either one or three arguments"
    );
    assert!(err("FROM a AS 1x\n").contains("invalid name for build stage"));
    assert!(err("FROM a AS x\nFROM b AS X\n").contains("line 2: duplicate stage name \"x\""));
    assert!(err("FROM a\nCOPY onlyone\n").contains("COPY requires at least two arguments"));
    assert!(err("FROM a\nRUN\n").contains("RUN requires at least one argument"));
    assert!(err("# only a comment\n").contains("no FROM"));
    // Keywords are case-insensitive.
    assert!(parse("from a\nrun x\nCoPy a b\n").is_ok());
}

#[test]
fn heredoc_instructions() {
    let d = parse("FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\nCOPY <<A <<B /dst/\naaa\nA\nbbb\nB\n").unwrap();
    match &d.stages[0].steps[0].instruction {
        Instruction::Run { cmd, heredocs, .. } => {
            assert_eq!(cmd, &Command::Shell("<<EOF".into()));
            assert_eq!(heredocs[0].content, "#!/usr/bin/env python3\nprint(1)\n");
        }
        other => panic!("{other:?}"),
    }
    match &d.stages[0].steps[1].instruction {
        Instruction::Copy(c) => {
            assert_eq!(c.args, ["<<A", "<<B", "/dst/"]);
            assert_eq!(c.heredocs.len(), 2);
            assert_eq!(c.heredocs[1].content, "bbb\n");
        }
        other => panic!("{other:?}"),
    }
    // A heredoc alone is RUN's whole argument.
    assert!(parse("FROM a\nRUN <<EOF\nEOF\n").is_ok());
}

#[test]
fn hostile_text_does_not_panic() {
    for t in [
        "",
        "\n\n",
        "FROM",
        "FROM a\nRUN [",
        "FROM a\nCOPY --",
        "FROM a\nCOPY -- a b",
        "FROM a\nENV =",
        "FROM a\nARG =x",
        "FROM a\nHEALTHCHECK",
        "FROM a\nHEALTHCHECK CMD",
        "FROM a\nRUN <<",
        "FROM a\nRUN <<-\n",
        "FROM a\nLABEL a=\"unterminated",
        "\u{feff}\r\n",
        "FROM a\n\\\n\\",
        "# escape=`\nFROM a\nRUN x `",
        "FROM a\nONBUILD",
        "FROM a\nEXPOSE",
        "FROM a\nVOLUME []",
        "FROM a\nSHELL []",
    ] {
        let _ = parse(t);
    }
}
