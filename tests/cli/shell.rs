use super::*;

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = Dir::new().run(&["completions", shell]);
        run.ok();
        for sub in ["run", "validate", "portfolio", "schema", "completions"] {
            run.stdout_has(sub);
        }
    }
    Dir::new()
        .run(&["completions", "tcsh"])
        .bad_input()
        .stderr_has("invalid value 'tcsh'");
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let run = Dir::new().run(&["man"]);
    run.ok()
        .stdout_has(".TH dcsite 1")
        .stdout_has(".SH NAME")
        .stdout_has(".SH SUBCOMMANDS");
    for sub in ["run", "sensitivity", "portfolio", "schema", "man"] {
        run.stdout_has(&format!("dcsite\\-{sub}"));
    }
}
