//! `xsell backup FILE --force` aimed at what it must never replace: a device, a folder, a
//! symbolic link, and the store or its WAL, shared-memory or journal file however the path
//! is spelled. Each is refused, and the store and its WAL are left exactly as they were.

use std::path::Path;

use crate::till_support::{small_store, xsell};

fn backup(db: &Path, target: &Path) -> std::process::Output {
    xsell(db)
        .arg("backup")
        .arg(target)
        .arg("--force")
        .output()
        .unwrap()
}

#[test]
fn a_backup_over_the_store_its_journals_or_anything_but_a_regular_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let shop = dir.path().join("shop");
    std::fs::create_dir(&shop).unwrap();
    let db = small_store(&shop, "store.db", 5);
    // A till with the store open in another process keeps its WAL and shared memory in
    // place (this process must not open them itself: closing any descriptor of a file
    // drops every POSIX lock the process holds on it).
    let mut till = xsell(&db)
        .args(["recommend", "--stdin"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut ask = till.stdin.take().unwrap();
    let mut answers = std::io::BufReader::new(till.stdout.take().unwrap());
    {
        use std::io::{BufRead, Write};
        writeln!(ask, "{{\"cart\":[]}}").unwrap();
        let mut line = String::new();
        answers.read_line(&mut line).unwrap();
        assert!(line.contains("items"), "{line}");
    }
    // What each file of the shop is: a database, a WAL (its own magic number), or other.
    let files = |p: &Path| -> Vec<(String, &'static str)> {
        let mut v: Vec<_> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .map(|p| {
                let head = std::fs::read(&p).unwrap();
                // A WAL is empty or starts with its own magic number; a copy of the store
                // put in its place would start like a database.
                let kind = if head.starts_with(b"SQLite format 3") {
                    "database"
                } else {
                    "not a database"
                };
                (p.file_name().unwrap().to_string_lossy().into_owned(), kind)
            })
            .collect();
        v.sort();
        v
    };
    let before = files(&shop);
    assert!(
        before.contains(&("store.db-wal".into(), "not a database")),
        "{before:?}"
    );
    let products = |db: &Path| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row("SELECT count(*) FROM products", [], |r| r.get(0))
            .unwrap()
    };
    let stocked = products(&db);

    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::os::unix::fs::symlink(&shop, other.join("link-to-shop")).unwrap();
    std::os::unix::fs::symlink(&db, other.join("store-link.db")).unwrap();
    std::fs::hard_link(&db, other.join("hard.db")).unwrap();
    let fifo = other.join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let targets = [
        db.clone(),
        shop.join("store.db-wal"),
        shop.join("store.db-shm"),
        shop.join("store.db-journal"),
        shop.join("../shop/./store.db-wal"),
        other.join("link-to-shop/store.db-wal"),
        other.join("store-link.db"),
        other.join("hard.db"),
        shop.clone(),
        fifo,
        Path::new("/dev/null").to_path_buf(),
    ];
    for target in &targets {
        let out = backup(&db, target);
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {said}", target.display());
        assert!(
            said.contains("back up to a new file"),
            "{}: {said}",
            target.display()
        );
        assert_eq!(files(&shop), before, "after {}", target.display());
    }
    assert_eq!(files(&shop), before, "the store or its WAL was replaced");
    assert_eq!(products(&db), stocked);
    let check = xsell(&db).arg("check").output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(
        Path::new("/dev/null")
            .metadata()
            .unwrap()
            .file_type()
            .is_char_device_like()
    );
    // A regular new file is still fine.
    let out = backup(&db, &other.join("copy.db"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    drop(ask);
    till.wait().unwrap();
}

trait CharDevice {
    fn is_char_device_like(&self) -> bool;
}

impl CharDevice for std::fs::FileType {
    fn is_char_device_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_char_device(self)
    }
}
