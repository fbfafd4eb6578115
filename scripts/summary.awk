# Sum cargo's `test result:` lines into one: "tests: N passed, N failed, N skipped"
# (skipped = cargo's "ignored"). Used by scripts/test; tests/scripts.rs checks it.
/^test result:/ {
    for (i = 1; i < NF; i++) {
        if ($(i+1) ~ /^passed/) p += $i
        if ($(i+1) ~ /^failed/) f += $i
        if ($(i+1) ~ /^ignored/) s += $i
    }
}
END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }
