//! What a user of any CLI expects: help on every subcommand and argument,
//! shell completions, and one language choice (flag, config file, locale)
//! shared with the TUI.

use std::path::Path;
use std::process::{Command, Output};

use clap::CommandFactory;
use kehu::cli::Cli;

/// Every subcommand has an about line and every argument a help line, at
/// every depth of the tree.
#[test]
fn every_subcommand_and_argument_has_help() {
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if matches!(id, "help" | "version") {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} <{id}>"));
            }
        }
        for sub in cmd.get_subcommands() {
            let sub_path = format!("{path} {}", sub.get_name());
            if sub.get_name() != "help" && sub.get_about().is_none() {
                missing.push(sub_path.clone());
            }
            walk(sub, &sub_path, missing);
        }
    }
    let mut missing = Vec::new();
    walk(&Cli::command(), "kehu", &mut missing);
    assert!(missing.is_empty(), "no help text: {missing:#?}");
}

fn kehu_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kehu"));
    cmd.args(args)
        .arg("--db")
        .arg(dir.join("k.db"))
        .env_remove("KEHU_DB")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("KEHU_OPERATOR", "测试员");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

#[test]
fn completions_for_each_shell_name_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = kehu_env(dir.path(), &["completions", shell], &[]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for word in ["kehu", "reconcile", "customer", "on-duplicate"] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
    }
    let out = kehu_env(dir.path(), &["completions", "tcsh"], &[]);
    assert_eq!(out.status.code(), Some(2));
}

/// An import with one bad tax ID: its problem line is printed in the chosen language.
fn import_problem(dir: &Path, env: &[(&str, &str)], flag: Option<&str>) -> String {
    let file = dir.join("in.csv");
    std::fs::write(&file, "客户名称,税号\n甲公司,91440300192203821X\n").unwrap();
    let mut args = vec!["import", file.to_str().unwrap(), "--dry-run"];
    if let Some(lang) = flag {
        args.extend(["--lang", lang]);
    }
    let out = kehu_env(dir, &args, env);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn is_chinese(text: &str) -> bool {
    text.contains("校验")
}

#[test]
fn language_comes_from_flag_config_then_locale_as_in_the_tui() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let en = import_problem(d, &[], None);
    assert!(!is_chinese(&en), "{en}");
    assert!(is_chinese(&import_problem(
        d,
        &[("LANG", "zh_CN.UTF-8")],
        None
    )));
    assert!(is_chinese(&import_problem(
        d,
        &[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")],
        None
    )));
    assert!(is_chinese(&import_problem(
        d,
        &[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")],
        None
    )));
    assert!(!is_chinese(&import_problem(
        d,
        &[("LC_ALL", "zh_CN.UTF-8")],
        Some("en")
    )));
    // The config file the TUI reads is read by the CLI too, before the locale.
    std::fs::create_dir_all(d.join("config/kehu")).unwrap();
    std::fs::write(d.join("config/kehu/config.toml"), "language = \"zh\"\n").unwrap();
    assert!(is_chinese(&import_problem(
        d,
        &[("LANG", "en_US.UTF-8")],
        None
    )));
}

/// All CLI printing goes through `cli/output.rs`, which handles a closed
/// pipe and shows control characters: no `print!` family elsewhere.
#[test]
fn the_cli_prints_only_through_its_output_module() {
    fn walk(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("output.rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, line) in text.lines().enumerate() {
                    let code = line.split("//").next().unwrap_or("");
                    if ["println!(", "print!(", "eprintln!(", "eprint!("]
                        .iter()
                        .any(|m| code.contains(m))
                    {
                        found.push(format!("{}:{}: {line}", path.display(), i + 1));
                    }
                }
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    walk(&root.join("cli"), &mut found);
    let cli_rs = std::fs::read_to_string(root.join("cli.rs")).unwrap();
    assert!(!cli_rs.contains("println!(") && !cli_rs.contains("eprintln!("));
    assert!(found.is_empty(), "{found:#?}");
}
