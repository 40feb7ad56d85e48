//! The posts folder: which files are posts, and reading one into a [`Post`].
//!
//! This is the IO edge in front of the pure [`crate::post`] and [`crate::extract`] modules.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, PostFailure, Result};
use crate::guard;
pub use crate::paths::relative;
use crate::paths::{self, Place};
use crate::post::{self, Post, PostError};
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

/// What a walk of the posts folder found: the posts, and the links it refused because they
/// lead outside the folder (named, never opened).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub posts: Vec<PostFile>,
    pub refused: Vec<PostFailure>,
}

/// Every post under `root`, sorted by relative path. Hidden folders are skipped, a folder
/// reached twice through links is read once (a symlink loop cannot trap the walk), and a link
/// to a file or folder outside `root` is refused.
pub fn list_posts(root: &Path) -> Result<Listing> {
    walk(root, root)
}

/// The posts under `dir`, a folder inside `root`, with paths relative to `root`.
pub fn list_posts_under(root: &Path, dir: &Path) -> Result<Listing> {
    if relative(root, dir).is_none() {
        return list_posts(root);
    }
    walk(root, dir)
}

fn walk(root: &Path, start: &Path) -> Result<Listing> {
    if !start.is_dir() {
        return Err(Error::NoPostsFolder(start.to_path_buf()));
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let root_real = root.canonicalize().map_err(io(root))?;
    let mut listing = Listing::default();
    // A folder inside the posts folder may itself be a link out of it.
    if let (Some(rel), false) = (
        relative(root, start),
        matches!(paths::place(&root_real, start), Place::Inside(_)),
    ) {
        listing.refused.push(PostFailure {
            path: rel,
            reason: paths::outside_reason(true),
        });
        return Ok(listing);
    }
    let mut seen = HashSet::new();
    let mut stack = vec![start.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if !seen.insert(dir.canonicalize().map_err(io(&dir))?) {
            continue;
        }
        for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let entry = entry.map_err(io(&dir))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            // `metadata` follows links: a link to a folder is walked, a dangling one skipped.
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            let wanted = meta.is_dir() || (meta.is_file() && is_post_name(&name));
            let Some(rel) = relative(root, &path).filter(|_| wanted) else {
                continue;
            };
            // Only a link can lead out of the folder; where it leads is resolved, not opened.
            let link = entry.file_type().is_ok_and(|t| t.is_symlink());
            if link && !matches!(paths::place(&root_real, &path), Place::Inside(_)) {
                let target = std::fs::read_link(&path).unwrap_or_default();
                tracing::warn!(path = %rel, target = %target.display(), "a link out of the posts folder is not read");
                listing.refused.push(PostFailure {
                    path: rel,
                    reason: paths::outside_reason(meta.is_dir()),
                });
                continue;
            }
            if meta.is_dir() {
                stack.push(path);
            } else {
                listing.posts.push(PostFile { rel, abs: path });
            }
        }
    }
    listing.posts.sort();
    listing.refused.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(listing)
}

/// Reads and parses one post file of the posts folder `root_real` (links resolved). Also
/// returns a hash of its bytes, so that the index can tell whether a post changed since it was
/// last read.
pub fn read_post(root_real: &Path, file: &PostFile, site: &Site) -> Result<(Post, u64)> {
    let bytes = read_bytes(root_real, file)?;
    let hash = content_hash(&bytes);
    Ok((parse_post_bytes(file, bytes, site)?, hash))
}

/// Largest post file read. Meetup reports are a few kilobytes; a file of many megabytes in
/// the posts folder is a mistake (an export, a data file given a `.md` name), and reading it
/// whole would cost memory and seconds of extraction for nothing a search box can use.
pub const MAX_POST_BYTES: u64 = 4 * 1024 * 1024;

/// The bytes of a post file of the posts folder `root_real` (its links resolved), unless its
/// real place is outside that folder (a link out of it: refused, never opened) or it is over
/// [`MAX_POST_BYTES`] (checked as it is read, so a file that grows meanwhile is still cut short).
pub fn read_bytes(root_real: &Path, file: &PostFile) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |source| Error::Io {
        path: file.abs.clone(),
        source,
    };
    // The real path is opened, so a link re-pointed after this look is not followed.
    let real = match paths::place(root_real, &file.abs) {
        Place::Inside(real) => real,
        Place::Outside => return Err(Error::OutsideFolder { path: file.rel.clone() }),
        Place::Unknown(e) => return Err(io(e)),
    };
    let f = std::fs::File::open(&real).map_err(io)?;
    let size = f.metadata().map_err(io)?.len();
    if size > MAX_POST_BYTES {
        return Err(Error::PostTooLarge {
            path: file.abs.clone(),
            bytes: size,
            limit: MAX_POST_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    f.take(MAX_POST_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_POST_BYTES {
        return Err(Error::PostTooLarge {
            path: file.abs.clone(),
            bytes: bytes.len() as u64,
            limit: MAX_POST_BYTES,
        });
    }
    Ok(bytes)
}

/// Parses bytes already read from `file`. Reading the front matter runs behind the boundary
/// that keeps a bug met by one post inside it: if it panics, the post is read plainly from its
/// body ([`post::body_only`]), with [`Post::problem`] saying what failed.
pub fn parse_post_bytes(file: &PostFile, bytes: Vec<u8>, site: &Site) -> Result<Post> {
    let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8(file.abs.clone()))?;
    let failed = |source| Error::Post {
        path: file.rel.clone(),
        source,
    };
    match guard::catch(|| post::parse_post(&file.rel, &text, site)) {
        Ok(parsed) => parsed.map_err(failed),
        Err(panic) => {
            let problem = PostError::Panicked {
                stage: "reading the front matter",
                message: panic.message,
            };
            guard::catch(|| post::body_only(&file.rel, &text, site, problem.clone())).map_err(|_| failed(problem))
        }
    }
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
        let files: Vec<String> = list_posts(root).unwrap().posts.into_iter().map(|f| f.rel).collect();
        assert!(files.contains(&"a.md".to_string()));
        assert!(files.contains(&"2017/may/b.markdown".to_string()));
        assert!(files.iter().all(|f| !f.ends_with(".txt")));
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_are_refused_and_links_inside_read() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let (root, outside) = (dir.path().join("posts"), dir.path().join("outside"));
        std::fs::create_dir_all(root.join("2020")).unwrap();
        std::fs::create_dir_all(outside.join("more")).unwrap();
        std::fs::write(root.join("2020/a.md"), "A").unwrap();
        std::fs::write(outside.join("secret.md"), "S").unwrap();
        std::fs::write(outside.join("more/b.md"), "B").unwrap();
        symlink(outside.join("secret.md"), root.join("leak.md")).unwrap();
        symlink(outside.join("more"), root.join("more")).unwrap();
        symlink(root.join("2020/a.md"), root.join("alias.md")).unwrap();
        symlink("2020", root.join("by-year")).unwrap();
        let listing = list_posts(&root).unwrap();
        let posts: Vec<&str> = listing.posts.iter().map(|f| f.rel.as_str()).collect();
        // The folder and the link to it are one folder, walked once.
        assert_eq!(posts.len(), 2, "{posts:?}");
        assert!(
            posts.contains(&"alias.md") && posts.iter().any(|p| p.ends_with("/a.md")),
            "{posts:?}"
        );
        let refused: Vec<&str> = listing.refused.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(refused, vec!["leak.md", "more"]);
        assert!(listing.refused[0].reason.contains("file outside"));
        assert!(listing.refused[1].reason.contains("folder outside"));
        // Reading checks again: a link made or re-pointed after the walk is not opened.
        let real = root.canonicalize().unwrap();
        let file = |rel: &str| PostFile {
            rel: rel.into(),
            abs: root.join(rel),
        };
        assert!(matches!(
            read_bytes(&real, &file("leak.md")),
            Err(Error::OutsideFolder { .. })
        ));
        assert!(matches!(
            read_bytes(&real, &file("more/b.md")),
            Err(Error::OutsideFolder { .. })
        ));
        assert_eq!(read_bytes(&real, &file("alias.md")).unwrap(), b"A");
        assert_eq!(read_bytes(&real, &file("by-year/a.md")).unwrap(), b"A");
        // A folder of the walk that is itself a link out.
        let under = list_posts_under(&root, &root.join("more")).unwrap();
        assert!(under.posts.is_empty());
        assert_eq!(under.refused[0].path, "more");
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
            &dir.path().canonicalize().unwrap(),
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
