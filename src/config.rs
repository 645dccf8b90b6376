//! The user's settings file (TOML in the OS config folder, e.g.
//! `~/.config/kehu/config.toml`), and the choice of UI language, one for
//! the CLI and the TUI alike.
//!
//! ```toml
//! language = "zh"            # or "en"
//! operator = "王会计"         # name in the audit trail
//! default_template = "VIP"   # `a` starts from this template
//! theme = "default"          # or "plain"
//! pdf_font = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"  # for PDF documents
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::Lang;

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub language: Option<String>,
    pub operator: Option<String>,
    pub default_template: Option<String>,
    pub theme: Option<String>,
    /// A file holding the passphrase of an encrypted database.
    pub key_file: Option<PathBuf>,
    /// The Chinese font PDF documents are set in (else one is looked for).
    pub pdf_font: Option<std::path::PathBuf>,
}

/// `config.toml` in kehu's config folder.
pub fn config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kehu").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// Reads the file; a missing file is the default config. A broken one is
    /// an error message the app shows while carrying on with defaults.
    pub fn load(path: &Path) -> Result<Config, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }
}

/// The language of the process: `--lang`, then the config file (a broken one
/// counts as absent; the TUI reports it), then the environment.
pub fn process_lang(flag: Option<&str>) -> Lang {
    let config = config_path()
        .and_then(|p| Config::load(&p).ok())
        .unwrap_or_default();
    choose_lang(flag, &config, |var| std::env::var(var).ok())
}

/// `--lang`, then the config file, then `LC_ALL` / `LC_MESSAGES` / `LANG`
/// (POSIX order), then English.
pub fn choose_lang(
    flag: Option<&str>,
    config: &Config,
    env: impl Fn(&str) -> Option<String>,
) -> Lang {
    flag.and_then(Lang::parse)
        .or_else(|| config.language.as_deref().and_then(Lang::parse))
        .or_else(|| {
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|var| env(var))
                .find(|v| !v.is_empty())
                .and_then(|v| Lang::parse(&v))
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn language_order_is_flag_config_environment() {
        let zh_config = Config {
            language: Some("zh-CN".into()),
            ..Config::default()
        };
        let en_env = env(&[("LANG", "en_US.UTF-8")]);
        assert_eq!(choose_lang(Some("en"), &zh_config, &en_env), Lang::En);
        assert_eq!(choose_lang(None, &zh_config, &en_env), Lang::Zh);
        assert_eq!(
            choose_lang(None, &Config::default(), env(&[("LANG", "zh_CN.UTF-8")])),
            Lang::Zh
        );
        // LC_ALL overrides LANG; an empty one is skipped.
        assert_eq!(
            choose_lang(
                None,
                &Config::default(),
                env(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")])
            ),
            Lang::Zh
        );
        assert_eq!(
            choose_lang(
                None,
                &Config::default(),
                env(&[("LC_ALL", ""), ("LANG", "zh_TW.UTF-8")])
            ),
            Lang::Zh
        );
        assert_eq!(choose_lang(None, &Config::default(), env(&[])), Lang::En);
    }

    #[test]
    fn config_file_is_read_and_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert_eq!(Config::load(&path), Ok(Config::default()));
        std::fs::write(
            &path,
            "language = \"zh\"\noperator = \"王会计\"\ndefault_template = \"VIP\"\ntheme = \"plain\"\n",
        )
        .unwrap();
        let config = Config::load(&path).unwrap();
        assert_eq!(config.operator.as_deref(), Some("王会计"));
        assert_eq!(config.default_template.as_deref(), Some("VIP"));
        std::fs::write(&path, "langauge = \"zh\"\n").unwrap();
        let err = Config::load(&path).unwrap_err();
        assert!(
            err.contains("config.toml") && err.contains("langauge"),
            "{err}"
        );
    }
}
