//! Paths of posts and settings inside the folder they belong to: a post's identity (its path
//! relative to the posts folder), and where a path really is once links are resolved.
//!
//! A file is read only when its real place is inside its folder: a link in the posts folder
//! to `/etc/passwd`, to a home folder's keys or to the server's `.env` (a post contributed to
//! a site's repository can be such a link) is refused and never opened.

use std::path::{Path, PathBuf};

/// `path` relative to `root` with `/` separators, if it is inside `root` as written.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Where a path really is, against the folder it must stay in.
#[derive(Debug)]
pub enum Place {
    /// Inside the folder: its real path, links resolved.
    Inside(PathBuf),
    /// Links lead out of the folder.
    Outside,
    /// It cannot be resolved (gone, a dangling link, no permission).
    Unknown(std::io::Error),
}

/// Where `path` really is, against `root_real`: the folder it must stay in, its own links
/// already resolved ([`Path::canonicalize`]). Nothing is opened; only links are followed.
pub fn place(root_real: &Path, path: &Path) -> Place {
    match path.canonicalize() {
        Ok(real) if real.starts_with(root_real) => Place::Inside(real),
        Ok(_) => Place::Outside,
        Err(e) => Place::Unknown(e),
    }
}

/// Why a link found in the posts folder is not read, for `/status`, `index` and the log. Where
/// it leads is not said: `/status` is public, and the place is the server's business.
pub fn outside_reason(folder: bool) -> String {
    if folder {
        "a link to a folder outside the posts folder: nothing in it is read or served".to_string()
    } else {
        "a link to a file outside the posts folder: it is never read or served (copy the file into the folder \
         to index it)"
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_use_slashes() {
        let root = Path::new("/srv/posts");
        assert_eq!(
            relative(root, Path::new("/srv/posts/2020/a.md")).as_deref(),
            Some("2020/a.md")
        );
        assert_eq!(relative(root, Path::new("/srv/other/a.md")), None);
        assert_eq!(relative(root, root), None);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_to_where_they_lead() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("posts");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/a.md"), "x").unwrap();
        std::fs::write(dir.path().join("secret"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("sub/a.md"), root.join("in.md")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), root.join("out.md")).unwrap();
        std::os::unix::fs::symlink("../../secret", root.join("sub/up.md")).unwrap();
        std::os::unix::fs::symlink("../sub/a.md", root.join("sub/back.md")).unwrap();
        let real = root.canonicalize().unwrap();
        assert!(matches!(place(&real, &root.join("in.md")), Place::Inside(p) if p.ends_with("sub/a.md")));
        assert!(matches!(place(&real, &root.join("sub/a.md")), Place::Inside(_)));
        assert!(matches!(place(&real, &root.join("out.md")), Place::Outside));
        // Relative links are resolved from where they are.
        assert!(matches!(place(&real, &root.join("sub/up.md")), Place::Outside));
        assert!(matches!(place(&real, &root.join("sub/back.md")), Place::Inside(_)));
        assert!(matches!(place(&real, &root.join("none.md")), Place::Unknown(_)));
    }
}
