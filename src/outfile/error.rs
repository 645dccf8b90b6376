//! Why a file was not written: a stable code and the text in both languages.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::domain::Lang;

/// Why a file was not written. Each has a stable code and zh/en text.
#[derive(Debug, Error)]
pub enum OutputError {
    #[error("{path} is the database kehu has open (or one of its files): choose another file name")]
    IsDatabase { path: PathBuf },
    #[error(
        "{path} is a SQLite database file: kehu does not write over databases; choose another file name"
    )]
    IsSqlite { path: PathBuf },
    #[error("{path} is the file being read: choose another file name")]
    IsInput { path: PathBuf },
    #[error("{path} already exists: choose another name, or add --force to replace it")]
    Exists { path: PathBuf },
    #[error("{path} is a folder: give a file name")]
    IsFolder { path: PathBuf },
    #[error("the folder of {path} does not exist")]
    NoFolder { path: PathBuf },
    #[error("{path}: the file name must end in {expected} (the format written)")]
    Extension { path: PathBuf, expected: String },
    #[error("cannot write {path}: {message}")]
    Write { path: PathBuf, message: String },
}

impl OutputError {
    /// The stable code a script or a translation looks up.
    pub fn code(&self) -> &'static str {
        match self {
            OutputError::IsDatabase { .. } => "output.is_database",
            OutputError::IsSqlite { .. } => "output.is_database",
            OutputError::IsInput { .. } => "output.is_input",
            OutputError::Exists { .. } => "output.exists",
            OutputError::IsFolder { .. } => "output.is_folder",
            OutputError::NoFolder { .. } => "output.no_folder",
            OutputError::Extension { .. } => "output.extension",
            OutputError::Write { .. } => "output.write",
        }
    }

    /// The message in `lang`, with the code in brackets.
    pub fn text(&self, lang: Lang) -> String {
        let text = match lang {
            Lang::En => self.to_string(),
            Lang::Zh => match self {
                OutputError::IsDatabase { path } => {
                    format!(
                        "{} 是 kehu 正在使用的数据库（或其附属文件）：请换一个文件名",
                        path.display()
                    )
                }
                OutputError::IsSqlite { path } => {
                    format!(
                        "{} 是 SQLite 数据库文件：kehu 不会覆盖数据库，请换一个文件名",
                        path.display()
                    )
                }
                OutputError::IsInput { path } => {
                    format!("{} 是正在读取的文件：请换一个文件名", path.display())
                }
                OutputError::Exists { path } => {
                    format!(
                        "{} 已存在：请换一个文件名，或加 --force 覆盖",
                        path.display()
                    )
                }
                OutputError::IsFolder { path } => {
                    format!("{} 是文件夹：请给出文件名", path.display())
                }
                OutputError::NoFolder { path } => {
                    format!("{} 所在的文件夹不存在", path.display())
                }
                OutputError::Extension { path, expected } => {
                    // ".xlsx、.csv 或 .pdf"
                    let expected = match expected.rsplit_once(" / ") {
                        Some((head, last)) => format!("{} 或 {last}", head.replace(" / ", "、")),
                        None => expected.clone(),
                    };
                    format!(
                        "{}：文件名须以 {expected} 结尾（所写的格式）",
                        path.display()
                    )
                }
                OutputError::Write { path, message } => {
                    format!("无法写入 {}：{message}", path.display())
                }
            },
        };
        format!("{text} [{}]", self.code())
    }

    pub fn path(&self) -> &Path {
        match self {
            OutputError::IsDatabase { path }
            | OutputError::IsSqlite { path }
            | OutputError::IsInput { path }
            | OutputError::Exists { path }
            | OutputError::IsFolder { path }
            | OutputError::NoFolder { path }
            | OutputError::Extension { path, .. }
            | OutputError::Write { path, .. } => path,
        }
    }
}
