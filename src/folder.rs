//! The posts folder: which files are posts, and reading one into a [`Post`].
//!
//! This is the IO edge in front of the pure [`crate::post`] and [`crate::extract`] modules.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::post::{Post, parse_post};
use crate::site::Site;

/// A post file found in the folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PostFile {
    /// Path relative to the posts folder, `/`-separated: the post's identity in the index.
    pub rel: String,
    pub abs: PathBuf,
}

/// Whether a file name is a post: Markdown, and not an editor's temporary or backup file
/// (`.#post.md`, `post.md~`, `.post.md.swp`) or a hidden file.
pub fn is_post_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.ends_with(".md") || lower.ends_with(".markdown"))
        && !name.starts_with('.')
        && !name.starts_with('#')
        && !name.starts_with('~')
}

/// Every post under `root`, sorted by relative path. Hidden folders are skipped, and a folder
/// reached twice through links is read once, so a symlink loop cannot trap the walk.
pub fn list_posts(root: &Path) -> Result<Vec<PostFile>> {
    if !root.is_dir() {
        return Err(Error::NoPostsFolder(root.to_path_buf()));
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let canonical = dir.canonicalize().map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?;
        if !seen.insert(canonical) {
            continue;
        }
        let entries = std::fs::read_dir(&dir).map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| Error::Io {
                path: dir.clone(),
                source,
            })?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            // `metadata` follows links: a link to a folder is walked, a dangling one skipped.
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file()
                && is_post_name(&name)
                && let Some(rel) = relative(root, &path)
            {
                out.push(PostFile { rel, abs: path });
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The posts under `dir`, a folder inside `root`, with paths relative to `root`.
pub fn list_posts_under(root: &Path, dir: &Path) -> Result<Vec<PostFile>> {
    let Some(prefix) = relative(root, dir) else {
        return list_posts(root);
    };
    Ok(list_posts(dir)?
        .into_iter()
        .map(|f| PostFile {
            rel: format!("{prefix}/{}", f.rel),
            abs: f.abs,
        })
        .collect())
}

/// `path` relative to `root` with `/` separators, if it is inside `root`.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Reads and parses one post file. Also returns a hash of its bytes, so that the index can
/// tell whether a post changed since it was last read.
pub fn read_post(file: &PostFile, site: &Site) -> Result<(Post, u64)> {
    let bytes = read_bytes(file)?;
    let hash = content_hash(&bytes);
    Ok((parse_post_bytes(file, bytes, site)?, hash))
}

/// Largest post file read. Meetup reports are a few kilobytes; a file of many megabytes in
/// the posts folder is a mistake (an export, a data file given a `.md` name), and reading it
/// whole would cost memory and seconds of extraction for nothing a search box can use.
pub const MAX_POST_BYTES: u64 = 4 * 1024 * 1024;

/// The bytes of a post file, unless it is over [`MAX_POST_BYTES`] (checked as it is read, so
/// a file that grows meanwhile is still cut short).
pub fn read_bytes(file: &PostFile) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |source| Error::Io {
        path: file.abs.clone(),
        source,
    };
    let f = std::fs::File::open(&file.abs).map_err(io)?;
    let size = f.metadata().map_err(io)?.len();
    if size > MAX_POST_BYTES {
        return Err(Error::PostTooLarge {
            path: file.abs.clone(),
            bytes: size,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    f.take(MAX_POST_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_POST_BYTES {
        return Err(Error::PostTooLarge {
            path: file.abs.clone(),
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Parses bytes already read from `file`.
pub fn parse_post_bytes(file: &PostFile, bytes: Vec<u8>, site: &Site) -> Result<Post> {
    let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8(file.abs.clone()))?;
    let post = parse_post(&file.rel, &text, site).map_err(|source| Error::Post {
        path: file.rel.clone(),
        source,
    })?;
    Ok(post)
}

/// FNV-1a over the file's bytes: stable across Rust versions and machines (unlike the std
/// hasher), which matters because the hash is stored in the index. It detects edits; it is not
/// meant to resist a hostile author.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_names() {
        assert!(is_post_name("2017-05-20-may.md"));
        assert!(is_post_name("x.markdown"));
        assert!(!is_post_name(".#x.md"));
        assert!(!is_post_name("x.md~"));
        assert!(!is_post_name(".x.md.swp"));
        assert!(!is_post_name("4913"));
        assert!(!is_post_name("notes.txt"));
    }

    #[test]
    fn walks_recursively_and_survives_a_symlink_loop() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("2017/may")).unwrap();
        std::fs::write(root.join("a.md"), "---\n---\n").unwrap();
        std::fs::write(root.join("2017/may/b.markdown"), "---\n---\n").unwrap();
        std::fs::write(root.join("2017/notes.txt"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("2017/loop")).unwrap();
        let files: Vec<String> = list_posts(root).unwrap().into_iter().map(|f| f.rel).collect();
        assert!(files.contains(&"a.md".to_string()));
        assert!(files.contains(&"2017/may/b.markdown".to_string()));
        assert!(files.iter().all(|f| !f.ends_with(".txt")));
    }

    #[test]
    fn a_missing_folder_is_a_clear_error() {
        let e = list_posts(Path::new("/no/such/folder")).unwrap_err();
        assert!(e.to_string().contains("/no/such/folder"), "{e}");
    }

    #[test]
    fn invalid_utf8_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let abs = dir.path().join("bad.md");
        std::fs::write(&abs, b"---\ntitle: \xff\n---\n").unwrap();
        let e = read_post(
            &PostFile {
                rel: "bad.md".into(),
                abs,
            },
            &Site::default(),
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("bad.md") && e.to_string().contains("UTF-8"),
            "{e}"
        );
    }
}
