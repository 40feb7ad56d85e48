"""The writer of benches/soak.sh: changes a watched posts folder the way people and tools do,
for a bounded time, then leaves it in a state a clean build can be compared with.

    python3 soak_writer.py POSTS STAGING SECONDS [SEED]

POSTS is the watched folder; STAGING holds posts to draw new text from. Each step creates,
edits in place, renames, moves between folders, deletes, or breaks a post (to fix it later),
or adds or removes a whole folder. At the end every broken post is fixed, so that the folder
holds only good posts. Prints what it did as one line.
"""

import os
import random
import shutil
import sys
import time


def main():
    posts, staging, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    texts = []
    for name in sorted(os.listdir(staging)):
        with open(os.path.join(staging, name), encoding="utf-8") as f:
            texts.append(f.read())
    counts = {}
    broken = {}  # path -> the good text to restore
    serial = 0

    def files():
        out = []
        for d, _, names in os.walk(posts):
            out.extend(os.path.join(d, n) for n in names if n.endswith(".md"))
        return out

    def did(what):
        counts[what] = counts.get(what, 0) + 1

    def write(path, text):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        serial += 1
        existing = [p for p in files() if p not in broken]
        roll = rng.random()
        if roll < 0.25 or not existing:
            folder = rng.choice(["", "soak", "soak/deep"])
            write(os.path.join(posts, folder, f"2024-01-01-soak-{serial}.md"), rng.choice(texts))
            did("created")
        elif roll < 0.45:
            write(rng.choice(existing), rng.choice(texts))
            did("edited")
        elif roll < 0.55:
            # An editor's save: write a temporary file, then rename it over the post.
            path = rng.choice(existing)
            tmp = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.tmp")
            write(tmp, rng.choice(texts))
            os.replace(tmp, path)
            did("saved atomically")
        elif roll < 0.65:
            path = rng.choice(existing)
            folder = rng.choice(["", "soak", "moved"])
            target = os.path.join(posts, folder, f"2024-02-02-renamed-{serial}.md")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.rename(path, target)
            did("renamed")
        elif roll < 0.78:
            os.remove(rng.choice(existing))
            did("deleted")
        elif roll < 0.88:
            path = rng.choice(existing)
            with open(path, encoding="utf-8") as f:
                broken[path] = f.read()
            write(path, rng.choice(["---\ntitle: [broken\n---\n", "", "---\ntitle: x\n", "\x00\x01binary"]))
            did("broken")
        elif roll < 0.94 and broken:
            path = rng.choice(sorted(broken))
            write(path, broken.pop(path))
            did("fixed")
        elif roll < 0.97:
            folder = os.path.join(posts, f"batch-{serial}")
            for k in range(rng.randint(2, 6)):
                write(os.path.join(folder, f"2024-03-03-batch-{k}.md"), rng.choice(texts))
            did("folder added")
        else:
            folders = [os.path.join(posts, d) for d in os.listdir(posts) if d.startswith("batch-")]
            if folders:
                victim = rng.choice(folders)
                broken = {p: t for p, t in broken.items() if not p.startswith(victim + os.sep)}
                shutil.rmtree(victim)
                did("folder removed")
        time.sleep(rng.uniform(0.0, 0.1))
    for path, text in broken.items():
        write(path, text)
        did("fixed")
    print("writer: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())) + f"; {len(files())} posts at the end")


if __name__ == "__main__":
    main()
