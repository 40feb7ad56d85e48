//! People: who each speaker a blog names is, across all its posts. Extraction gives each talk
//! its speakers as the post writes them and the links each name carries; this module decides
//! which of those mentions are one person, and gives each person a name (the fullest form the
//! posts give), its other forms as aliases, its links, and a stable id.
//!
//! Two kinds of evidence, never a guess:
//! - **names**: a name and its reordering are one person ("Chillar Anand", "Anand Chillar"), and
//!   so is a shorter form of two words or more that only one fuller name holds ("Anand B" and
//!   "Anand B Pillai"); two different full names never are.
//! - **links** ([`evidence`]): mentions that link to one profile, or to profiles with one handle,
//!   are one person; a handle made of a name's letters ties to that name; a talk's own slides or
//!   code on a code host are evidence of who gave it.
//!
//! A bare first name ("Anand") is shared by many people, so it is a mention of its post alone
//! until evidence says who it is: a link it carries that another mention carries too, or a
//! link at all when the blog knows one fuller name it can be. Bare names with no link stay
//! one entry per name, apart from every full name.

pub mod evidence;
pub mod roster;

use std::collections::{HashMap, HashSet};

use evidence::Profile;

/// One written speaker name in one post, with the evidence of who it is.
#[derive(Debug, Clone, Copy)]
pub struct Mention<'a> {
    /// The post (its path in the posts folder): a bare first name is resolved post by post.
    pub post: &'a str,
    /// The name as the talk lists it.
    pub name: &'a str,
    /// Links the post gives this name (link text the name, a handle linked beside it), and
    /// handles it writes beside it (`@annl`: evidence, not an address).
    pub links: &'a [String],
    /// Slides and code of a talk this person gave alone.
    pub material: &'a [String],
}

/// A person: the name the posts give most fully, the other forms, and their links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// A slug of the name, unique across the blog.
    pub id: String,
    pub name: String,
    /// Other forms the posts write, as written.
    pub aliases: Vec<String>,
    /// Links the posts give for this person's names.
    pub links: Vec<String>,
}

/// Who each written speaker name is across a blog; see the module documentation.
#[derive(Debug, Clone, Default)]
pub struct People {
    persons: Vec<Person>,
    /// Post → each name as written there, with its person.
    of_mention: HashMap<String, Vec<(String, usize)>>,
    /// Name as written → person, for names that every post uses of one person.
    of_name: HashMap<String, Option<usize>>,
    by_id: HashMap<String, usize>,
}

/// How full names and handles are grouped across the blog before evidence joins the groups
/// (a bare first name is grouped post by post, by the name as written).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum NodeKey {
    /// The words of a name of two words or more, sorted: a name and its reordering.
    Words(Vec<String>),
    Handle(String),
}

#[derive(Debug, Default)]
struct Node {
    /// Each form written, with how often.
    forms: Vec<(String, usize)>,
    /// Lower-cased words of the name (none for a handle).
    words: Vec<String>,
    /// The first word of each form as written in order.
    first_words: Vec<String>,
    /// Profile keys and handles ([`evidence`]) of its mentions, each with whether a profile
    /// link gave it (`false`: the handle of slides or code).
    evidence: Vec<(String, bool)>,
    /// Whether its mentions carry a profile link (or are a handle).
    linked: bool,
    /// (site, profile key) of its profiles on sites of many people.
    sites: Vec<(String, String)>,
    links: Vec<String>,
}

/// The words of a written name, lower-cased, in order.
fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether two names (as [`name_words`]) may be one person: for two full names, the words of
/// the shorter are all in the longer; with a one-word name, that word and a word of the other
/// start alike ("Siva" and "Sivasubramaniam", "Bargav" and "Bargava").
fn names_agree(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match short {
        [] => true,
        [word] => long.iter().any(|w| {
            let (x, y) = if w.len() <= word.len() { (w, word) } else { (word, w) };
            y.starts_with(x.as_str()) && (x.len() >= 3 || x == y)
        }),
        _ => short.iter().all(|w| long.contains(w)),
    }
}

/// Union-find over the nodes, each group keeping its fullest names so that no join can put
/// two people in one group.
struct Groups {
    parent: Vec<usize>,
    /// At each root: the group's names (words) that no fuller name of the group holds ("Anand B"
    /// and "Anand Pillai" are both held by "Anand B Pillai", and disagree only with each other).
    names: Vec<Vec<Vec<String>>>,
    /// At each root: the group's profiles on sites of many people, (site, key).
    sites: Vec<Vec<(String, String)>>,
}

/// Whether the fuller name `long` holds `short`.
fn holds(long: &[String], short: &[String]) -> bool {
    short.len() < long.len() && names_agree(short, long)
}

impl Groups {
    fn new(nodes: &[Node]) -> Groups {
        Groups {
            parent: (0..nodes.len()).collect(),
            names: nodes
                .iter()
                .map(|n| {
                    if n.words.is_empty() {
                        Vec::new()
                    } else {
                        vec![n.words.clone()]
                    }
                })
                .collect(),
            sites: nodes.iter().map(|n| n.sites.clone()).collect(),
        }
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Whether the groups of `a` and `b` may be one person: all their fullest names agree,
    /// and on no site do they have only different profiles (one person, one GitHub account).
    fn agree(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            return true;
        }
        let names = self.names[ra]
            .iter()
            .all(|x| self.names[rb].iter().all(|y| names_agree(x, y)));
        let (sa, sb) = (&self.sites[ra], &self.sites[rb]);
        let sites = sa.iter().all(|(site, _)| {
            let on = |list: &Vec<(String, String)>| -> Vec<String> {
                list.iter().filter(|(s, _)| s == site).map(|(_, k)| k.clone()).collect()
            };
            let (ka, kb) = (on(sa), on(sb));
            kb.is_empty() || ka.iter().any(|k| kb.contains(k))
        });
        names && sites
    }

    /// Joins the groups of `a` and `b` if all their names agree; whether they are one now.
    fn join(&mut self, a: usize, b: usize) -> bool {
        if !self.agree(a, b) {
            return false;
        }
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.parent[rb] = ra;
            let mut all = std::mem::take(&mut self.names[ra]);
            for n in std::mem::take(&mut self.names[rb]) {
                if !all.contains(&n) {
                    all.push(n);
                }
            }
            let fullest = all
                .iter()
                .filter(|n| !all.iter().any(|o| holds(o, n)))
                .cloned()
                .collect();
            self.names[ra] = fullest;
            let moved = std::mem::take(&mut self.sites[rb]);
            for p in moved {
                if !self.sites[ra].contains(&p) {
                    self.sites[ra].push(p);
                }
            }
        }
        true
    }

    /// Whether the group holds a name of two words or more.
    fn has_full_name(&mut self, i: usize) -> bool {
        let r = self.root(i);
        self.names[r].iter().any(|n| n.len() > 1)
    }
}

impl People {
    /// The people of `mentions` (repeats count: the commoner of two equally full forms names
    /// the person).
    pub fn of<'a>(mentions: impl IntoIterator<Item = Mention<'a>>) -> People {
        // A blog writes few names and links many times: each is read once.
        let mut names: HashMap<&'a str, Option<usize>> = HashMap::new();
        let mut read: Vec<(bool, Vec<String>)> = Vec::new();
        let mut profiles: HashMap<&'a str, Option<Profile>> = HashMap::new();
        let mut materials: HashMap<&'a str, Option<String>> = HashMap::new();
        let mut nodes: Vec<Node> = Vec::new();
        let mut global: HashMap<&'a str, usize> = HashMap::new();
        let mut node_of: HashMap<NodeKey, usize> = HashMap::new();
        let mut bare: HashMap<(&'a str, &'a str), usize> = HashMap::new();
        let mut mention_node: Vec<(&'a str, &'a str, usize)> = Vec::new();
        for m in mentions {
            let name = m.name.trim();
            let Some(k) = *names.entry(name).or_insert_with(|| {
                let handle = crate::extract::names::is_handle(name);
                let words = if handle { Vec::new() } else { name_words(name) };
                (handle || !words.is_empty()).then(|| {
                    read.push((handle, words));
                    read.len() - 1
                })
            }) else {
                continue;
            };
            let (handle, words) = (read[k].0, &read[k].1);
            let new_node = |nodes: &mut Vec<Node>| {
                nodes.push(Node {
                    words: words.clone(),
                    ..Node::default()
                });
                nodes.len() - 1
            };
            let at = if handle || words.len() > 1 {
                match global.get(name) {
                    Some(&at) => at,
                    None => {
                        let key = if handle {
                            NodeKey::Handle(name[1..].to_lowercase())
                        } else {
                            let mut sorted = words.clone();
                            sorted.sort();
                            sorted.dedup();
                            NodeKey::Words(sorted)
                        };
                        let at = *node_of.entry(key).or_insert_with(|| new_node(&mut nodes));
                        global.insert(name, at);
                        at
                    }
                }
            } else {
                *bare.entry((m.post, name)).or_insert_with(|| new_node(&mut nodes))
            };
            let node = &mut nodes[at];
            match node.forms.iter_mut().find(|(f, _)| f == name) {
                Some((_, n)) => *n += 1,
                None => {
                    node.forms.push((name.to_string(), 1));
                    if let Some(first) = words.first()
                        && !node.first_words.contains(first)
                    {
                        node.first_words.push(first.clone());
                    }
                    if handle {
                        node.linked = true;
                        node.evidence.push((name.to_lowercase(), true));
                    }
                }
            }
            for url in m.links {
                // A handle the post writes beside the name: evidence on any site, no address.
                if crate::extract::names::is_handle(url) {
                    node.linked = true;
                    let h = (url.to_lowercase(), true);
                    if !node.evidence.contains(&h) {
                        node.evidence.push(h);
                    }
                    continue;
                }
                let Some(p) = profiles.entry(url.as_str()).or_insert_with(|| evidence::profile(url)) else {
                    continue;
                };
                if node.links.contains(url) {
                    continue;
                }
                node.links.push(url.clone());
                node.linked = true;
                if let Some((site, _)) = p.key.split_once('/')
                    && !node.sites.iter().any(|(_, k)| *k == p.key)
                {
                    node.sites.push((site.to_string(), p.key.clone()));
                }
                node.evidence.push((p.key.clone(), true));
                node.evidence.extend(p.handle.as_ref().map(|h| (format!("@{h}"), true)));
            }
            for url in m.material {
                let handle = materials
                    .entry(url.as_str())
                    .or_insert_with(|| evidence::material_handle(url).map(|h| format!("@{h}")));
                if let Some(h) = handle
                    && !node.evidence.iter().any(|(e, _)| e == h)
                {
                    node.evidence.push((h.clone(), false));
                }
            }
            mention_node.push((m.post, name, at));
        }
        for n in &mut nodes {
            // A profile's word outweighs the same word from slides.
            n.evidence.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            n.evidence.dedup_by(|a, b| a.0 == b.0);
        }
        let mut groups = Groups::new(&nodes);
        join_shorter_forms(&nodes, &mut groups);
        join_by_evidence(&nodes, &mut groups);
        join_linked_first_names(&nodes, &mut groups);
        join_unlinked_first_names(&nodes, &mut groups);
        People::from_groups(&nodes, &mut groups, mention_node)
    }

    fn from_groups(nodes: &[Node], groups: &mut Groups, mention_node: Vec<(&str, &str, usize)>) -> People {
        // Each group's forms, counts summed, and links.
        let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..nodes.len() {
            members.entry(groups.root(i)).or_default().push(i);
        }
        let mut found: Vec<(usize, Person)> = members
            .into_iter()
            .map(|(root, ids)| {
                let mut forms: Vec<(String, usize)> = Vec::new();
                let mut links: Vec<String> = Vec::new();
                for &i in &ids {
                    for (f, n) in &nodes[i].forms {
                        match forms.iter_mut().find(|(g, _)| g == f) {
                            Some((_, c)) => *c += n,
                            None => forms.push((f.clone(), *n)),
                        }
                    }
                    for l in &nodes[i].links {
                        if !links.contains(l) {
                            links.push(l.clone());
                        }
                    }
                }
                // The name: a written name before a handle, then the most words, the
                // longest ("Bargava" over "Bargav"), the commonest, the first in order.
                forms.sort_by(|(a, na), (b, nb)| {
                    let rank = |f: &str, n: usize| {
                        (
                            !crate::extract::names::is_handle(f),
                            f.split_whitespace().count(),
                            f.chars().count(),
                            n,
                            std::cmp::Reverse(f.to_string()),
                        )
                    };
                    rank(b, *nb).cmp(&rank(a, *na))
                });
                let name = forms[0].0.clone();
                let mut aliases: Vec<String> = forms[1..].iter().map(|(f, _)| f.clone()).collect();
                aliases.sort();
                (
                    root,
                    Person {
                        id: String::new(),
                        name,
                        aliases,
                        links,
                    },
                )
            })
            .collect();
        // Ids in a stable order: by name, then by the first mention's post.
        let first_post: HashMap<usize, &str> = {
            let mut m: HashMap<usize, &str> = HashMap::new();
            for &(post, _, node) in &mention_node {
                let r = groups.root(node);
                let e = m.entry(r).or_insert(post);
                if post < *e {
                    *e = post;
                }
            }
            m
        };
        found.sort_by(|(ra, a), (rb, b)| (&a.name, first_post.get(ra)).cmp(&(&b.name, first_post.get(rb))));
        let mut people = People::default();
        let mut index_of_root = HashMap::new();
        for (root, mut person) in found {
            let base = slug(&person.name);
            let mut id = base.clone();
            let mut n = 2;
            while people.by_id.contains_key(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            person.id = id.clone();
            people.by_id.insert(id, people.persons.len());
            index_of_root.insert(root, people.persons.len());
            people.persons.push(person);
        }
        for (post, name, node) in mention_node {
            let person = index_of_root[&groups.root(node)];
            match people.of_name.get_mut(name) {
                Some(p) if *p != Some(person) => *p = None,
                Some(_) => {}
                None => {
                    people.of_name.insert(name.to_string(), Some(person));
                }
            }
            let names = match people.of_mention.get_mut(post) {
                Some(names) => names,
                None => people.of_mention.entry(post.to_string()).or_default(),
            };
            if !names.iter().any(|(n, _)| n == name) {
                names.push((name.to_string(), person));
            }
        }
        people
    }

    /// The person a name in a post is.
    pub fn person_of(&self, post: &str, name: &str) -> Option<&Person> {
        self.index_of(post, name).map(|i| &self.persons[i])
    }

    /// Where in [`People::persons`] the person a name in a post is.
    pub fn index_of(&self, post: &str, name: &str) -> Option<usize> {
        let name = name.trim();
        self.of_mention
            .get(post)?
            .iter()
            .find_map(|(n, i)| (n == name).then_some(*i))
    }

    /// The id of the person a name in a post is (a slug of the name for one never seen).
    pub fn id(&self, post: &str, name: &str) -> String {
        self.person_of(post, name)
            .map(|p| p.id.clone())
            .unwrap_or_else(|| slug(name))
    }

    /// The person with this id, or the one person every post means by this name or alias.
    pub fn find(&self, id_or_name: &str) -> Option<&Person> {
        self.find_index(id_or_name).map(|i| &self.persons[i])
    }

    /// Where in [`People::persons`] [`People::find`]'s person is.
    pub fn find_index(&self, id_or_name: &str) -> Option<usize> {
        let key = id_or_name.trim();
        if let Some(&i) = self.by_id.get(key) {
            return Some(i);
        }
        if let Some(Some(i)) = self.of_name.get(key) {
            return Some(*i);
        }
        // A name in other case, or an old id: the slug of a name or alias.
        let wanted = slug(key);
        let mut hits = self
            .persons
            .iter()
            .enumerate()
            .filter(|(_, p)| std::iter::once(&p.name).chain(&p.aliases).any(|n| slug(n) == wanted));
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }

    /// The person a name as written is, when every post that writes it means one person.
    pub fn person_named(&self, name: &str) -> Option<&Person> {
        self.of_name.get(name).copied().flatten().map(|i| &self.persons[i])
    }

    /// Names as written that posts use for more than one person (a first name two people
    /// share): only the post says who they are.
    pub fn shared_names(&self) -> impl Iterator<Item = &str> {
        self.of_name
            .iter()
            .filter(|(_, p)| p.is_none())
            .map(|(n, _)| n.as_str())
    }

    /// Everyone, by name.
    pub fn persons(&self) -> &[Person] {
        &self.persons
    }
}

/// A shorter form of two words or more joins the one fuller name that holds all its words
/// ("Anand B" and "Anand B Pillai"); a form that several fuller names hold joins none.
fn join_shorter_forms(nodes: &[Node], groups: &mut Groups) {
    let full: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i].words.len() > 1).collect();
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for &i in &full {
        let mut seen = HashSet::new();
        for w in &nodes[i].words {
            if seen.insert(w) {
                by_word.entry(w).or_default().push(i);
            }
        }
    }
    let set = |i: usize| -> HashSet<&str> { nodes[i].words.iter().map(String::as_str).collect() };
    let holds = |a: usize, b: usize| {
        let (sa, sb) = (set(a), set(b));
        sa.len() < sb.len() && sa.is_subset(&sb)
    };
    for &i in &full {
        // Fuller names: those holding every word, found from the rarest word's list.
        let Some(rarest) = nodes[i]
            .words
            .iter()
            .filter_map(|w| by_word.get(w.as_str()))
            .min_by_key(|l| l.len())
        else {
            continue;
        };
        let fuller: Vec<usize> = rarest.iter().copied().filter(|&j| holds(i, j)).collect();
        let maximal: Vec<usize> = fuller
            .iter()
            .copied()
            .filter(|&j| !fuller.iter().any(|&o| holds(j, o)))
            .collect();
        if let [only] = maximal.as_slice() {
            groups.join(i, *only);
        }
    }
}

/// Mentions that share a profile or a handle are one person; a handle that spells a name
/// ties to it. Evidence the blog gives for two names that disagree (a group's page, an
/// organisation's repositories) is no one's and ties nothing; slides or code under a handle
/// that profiles give to someone else (a talk about another's tool) tie that talk to no one.
fn join_by_evidence(nodes: &[Node], groups: &mut Groups) {
    let mut carriers: HashMap<&str, Vec<(usize, bool)>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        for (e, profile) in &n.evidence {
            carriers.entry(e).or_default().push((i, *profile));
        }
    }
    let agree = |a: usize, b: usize| {
        let (x, y) = (&nodes[a].words, &nodes[b].words);
        x.is_empty() || y.is_empty() || names_agree(x, y)
    };
    let mut items: Vec<(&str, Vec<usize>)> = Vec::new();
    for (item, held) in carriers {
        let profiles: Vec<usize> = held.iter().filter(|h| h.1).map(|h| h.0).collect();
        let all: Vec<usize> = held.iter().map(|h| h.0).collect();
        let sure = if profiles.is_empty() { &all } else { &profiles };
        if !sure.iter().all(|&a| sure.iter().all(|&b| agree(a, b))) {
            continue;
        }
        let holders: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| sure.iter().all(|&p| agree(i, p)))
            .collect();
        items.push((item, holders));
    }
    items.sort();
    for (_, holders) in &items {
        for w in holders.windows(2) {
            groups.join(w[0], w[1]);
        }
    }
    // Handles that spell a name: candidates by the first letter of a name's first and last
    // word, so a big blog is not walked once per handle.
    let mut by_letter: HashMap<char, Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        let ends = [n.words.first(), n.words.last()];
        let mut letters: Vec<char> = ends.iter().flatten().filter_map(|w| w.chars().next()).collect();
        letters.dedup();
        for c in letters {
            by_letter.entry(c).or_default().push(i);
        }
    }
    for (item, holders) in &items {
        let Some(handle) = item.strip_prefix('@') else { continue };
        let h: Vec<char> = handle
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let Some(c) = h.first() else { continue };
        let spelled: Vec<usize> = by_letter
            .get(c)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&j| evidence::spells_chars(&h, &nodes[j].words))
            .collect();
        // A handle that spells two people's names tells neither.
        let all_agree = spelled.iter().all(|&a| spelled.iter().all(|&b| groups.agree(a, b)));
        if !all_agree {
            continue;
        }
        for &j in &spelled {
            groups.join(holders[0], j);
        }
    }
}

/// A first name alone that carries a link is a specific person: the one the blog knows by a
/// fuller name starting with it, when there is exactly one; and first names alike that carry
/// links are one person unless evidence has already told them apart.
fn join_linked_first_names(nodes: &[Node], groups: &mut Groups) {
    let bare = |n: &Node| n.words.len() == 1 && n.forms.iter().all(|(f, _)| !crate::extract::names::is_handle(f));
    let mut fuller: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if n.words.len() > 1 {
            for f in &n.first_words {
                fuller.entry(f).or_default().push(i);
            }
        }
    }
    for (i, n) in nodes.iter().enumerate() {
        if !bare(n) || !n.linked || groups.has_full_name(i) {
            continue;
        }
        let mut roots: Vec<usize> = fuller
            .get(n.words[0].as_str())
            .into_iter()
            .flatten()
            .map(|&j| groups.root(j))
            .collect();
        roots.sort_unstable();
        roots.dedup();
        if let [only] = roots.as_slice() {
            groups.join(*only, i);
        }
    }
    // First names alike with links: one person when no two of their groups disagree.
    let mut alike: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if bare(n) && n.linked {
            alike.entry(&n.words[0]).or_default().push(i);
        }
    }
    let mut alike: Vec<(&str, Vec<usize>)> = alike.into_iter().collect();
    alike.sort();
    for (_, same) in alike {
        let all_agree = same.iter().all(|&a| same.iter().all(|&b| groups.agree(a, b)));
        if all_agree {
            for &j in &same[1..] {
                groups.join(same[0], j);
            }
        }
    }
}

/// A first name alone with no link joins the other mentions of that name that no evidence
/// gave a full name (one entry, "Rahul"); never a full name: nothing says which Rahul it is.
fn join_unlinked_first_names(nodes: &[Node], groups: &mut Groups) {
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if n.words.len() == 1 {
            by_word.entry(&n.words[0]).or_default().push(i);
        }
    }
    let mut by_word: Vec<(&str, Vec<usize>)> = by_word.into_iter().collect();
    by_word.sort();
    for (_, same) in by_word {
        let mut apart: Vec<usize> = Vec::new();
        for &i in &same {
            if !groups.has_full_name(i) {
                apart.push(i);
            }
        }
        // Linked mentions of the name already joined what evidence allowed; at most one such
        // group may take the unlinked ones.
        let mut linked_roots: Vec<usize> = apart
            .iter()
            .filter(|&&i| nodes[i].linked)
            .map(|&i| groups.root(i))
            .collect();
        linked_roots.sort_unstable();
        linked_roots.dedup();
        let unlinked: Vec<usize> = apart.iter().copied().filter(|&i| !nodes[i].linked).collect();
        let Some(&first) = unlinked.first() else { continue };
        for &j in &unlinked[1..] {
            groups.join(first, j);
        }
        if let [only] = linked_roots.as_slice() {
            groups.join(*only, first);
        }
    }
}

/// A name as an id: lower case, letters and digits in any script, words joined by `-`.
pub fn slug(name: &str) -> String {
    let words = name_words(name);
    if words.is_empty() {
        "someone".to_string()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A mention with its links and the slides of its talk.
    fn m<'a>(post: &'a str, name: &'a str, links: &'a [String], material: &'a [String]) -> Mention<'a> {
        Mention {
            post,
            name,
            links,
            material,
        }
    }

    fn urls(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn one_person_under_the_forms_the_posts_write() {
        let people = People::of(
            [
                ("p1", "Ida B Lund"),
                ("p2", "Ida Lund"),
                ("p3", "Lund Ida"),
                ("p4", "Ida B Lund"),
                ("p5", "Ida"),
                ("p6", "Tom Berg"),
                ("p7", "Tom Aris"),
                ("p8", "Tom"),
                ("p9", "Omar Said"),
                ("p9", "@zed42"),
            ]
            .into_iter()
            .map(|(post, name)| m(post, name, &[], &[])),
        );
        // A reordering, and a shorter form only one fuller name holds.
        for (post, form) in [("p2", "Ida Lund"), ("p3", "Lund Ida"), ("p4", "Ida B Lund")] {
            assert_eq!(people.id(post, form), "ida-b-lund", "{form}");
        }
        let ida = people.find("ida-b-lund").unwrap();
        assert_eq!(ida.name, "Ida B Lund");
        assert_eq!(ida.aliases, vec!["Ida Lund", "Lund Ida"]);
        // Two full names are two people; a bare first name with nothing to say who it is stays
        // its own entry, even when only one fuller name starts with it.
        assert_ne!(people.id("p6", "Tom Berg"), people.id("p7", "Tom Aris"));
        assert_eq!(people.id("p8", "Tom"), "tom");
        assert_eq!(people.id("p5", "Ida"), "ida");
        // A handle no link or spelling ties to a name is its own entry.
        assert_eq!(people.id("p9", "@zed42"), "zed42");
        assert_eq!(people.id("p0", "Nobody Seen"), "nobody-seen");
        assert_eq!(slug("Κώστας Ölund-Šoba"), "κώστας-ölund-šoba");
    }

    #[test]
    fn one_profile_is_one_person_across_posts_and_sites() {
        let (gh, tw) = (
            urls(&["https://github.com/mirakoss/"]),
            urls(&["https://x.com/MiraKoss"]),
        );
        let home = urls(&["https://mirakoss.dev"]);
        let people = People::of([
            m("a", "Mira", &gh, &[]),
            m("b", "Mira Kossowska", &tw, &[]),
            m("c", "Mira", &home, &[]),
            m("d", "Mira Lenz", &[], &[]),
        ]);
        // One handle on GitHub, X and as a homepage's name: one person, named most fully.
        for (post, name) in [("a", "Mira"), ("b", "Mira Kossowska"), ("c", "Mira")] {
            assert_eq!(people.id(post, name), "mira-kossowska", "{post}");
        }
        let mira = people.find("mira-kossowska").unwrap();
        assert_eq!(mira.links.len(), 3, "{:?}", mira.links);
        assert_ne!(people.id("d", "Mira Lenz"), "mira-kossowska");
    }

    #[test]
    fn a_first_name_is_whoever_its_links_say() {
        // Two people called Jonas; each bare "Jonas" links where one of them does.
        let (jl, jh) = (urls(&["https://jonaslund.se"]), urls(&["https://github.com/jhed"]));
        let talk_jl = urls(&["https://github.com/jonaslund/talk"]);
        let people = People::of([
            m("a", "Jonas", &jl, &[]),
            m("b", "Jonas", &jh, &[]),
            m("c", "Jonas Lund", &[], &talk_jl),
            m("d", "Jonas Hed", &jh, &[]),
            m("e", "Jonas", &[], &[]),
        ]);
        assert_eq!(people.id("a", "Jonas"), "jonas-lund");
        assert_eq!(people.id("b", "Jonas"), "jonas-hed");
        // With no link, nothing says which Jonas: an entry of its own, never a full name.
        assert_eq!(people.id("e", "Jonas"), "jonas");
    }

    #[test]
    fn a_linked_first_name_is_the_one_fuller_name_it_can_be() {
        let meetup = urls(&["https://www.meetup.com/Some-Group/members/4242/"]);
        let people = People::of([
            m("a", "Tariq", &meetup, &[]),
            m("b", "Tariq Osei", &[], &[]),
            m("c", "Lena", &meetup[..0], &[]),
            m("d", "Lena Park", &[], &[]),
        ]);
        assert_eq!(people.id("a", "Tariq"), "tariq-osei");
        // Unlinked, the same shape is left alone.
        assert_eq!(people.id("c", "Lena"), "lena");
    }

    #[test]
    fn first_names_alike_with_links_are_one_unless_evidence_splits_them() {
        let (fb, tw) = (
            urls(&["https://facebook.com/kofimensah"]),
            urls(&["https://twitter.com/kofi_m"]),
        );
        let people = People::of([
            m("a", "Kofi", &fb, &[]),
            m("b", "Kofi", &tw, &[]),
            m("c", "Kofi Mensah", &[], &[]),
        ]);
        // The Facebook handle spells the full name; the X profile is the same first name.
        assert_eq!(people.id("a", "Kofi"), "kofi-mensah");
        assert_eq!(people.id("b", "Kofi"), "kofi-mensah");
        assert_eq!(people.find("kofi-mensah").unwrap().aliases, vec!["Kofi"]);
    }

    #[test]
    fn a_handle_made_of_a_name_ties_to_it() {
        let tw = urls(&["https://twitter.com/petravolk"]);
        let people = People::of([
            m("a", "@pvolk", &[], &[]),
            m("b", "Petra", &tw, &[]),
            m("c", "Petra Volkova", &[], &[]),
            m("d", "Petr", &urls(&["https://twitter.com/petrak"]), &[]),
        ]);
        assert_eq!(people.id("a", "@pvolk"), "petra-volkova");
        assert_eq!(people.id("b", "Petra"), "petra-volkova");
        assert_eq!(people.find("@pvolk").unwrap().name, "Petra Volkova");
        // "Petr" and "Petra" start alike, but nothing ties this Petr to Petra Volkova.
        assert_eq!(people.id("d", "Petr"), "petr");
    }

    #[test]
    fn a_handle_written_beside_a_name_ties_it_to_that_handle_elsewhere() {
        let written = urls(&["@quill"]);
        let linked = urls(&["https://github.com/quill"]);
        let people = People::of([
            m("a", "Ana Morales", &written, &[]),
            m("b", "@quill", &[], &[]),
            m("c", "Ana", &linked, &[]),
        ]);
        assert_eq!(people.id("b", "@quill"), "ana-morales");
        assert_eq!(people.id("c", "Ana"), "ana-morales");
        // A handle is evidence, not a link to show.
        assert_eq!(people.find("ana-morales").unwrap().links, linked);
    }

    #[test]
    fn links_several_people_share_tie_no_one() {
        // The group's own page and its organisation's repositories, linked from many names.
        let group = urls(&["https://www.meetup.com/Some-Group/members/1/"]);
        let org = urls(&["https://github.com/somegroup/talks"]);
        let people = People::of([
            m("a", "Uma Rao", &group, &org),
            m("b", "Ben Ode", &group, &org),
            m("c", "Uma", &[], &org),
        ]);
        assert_ne!(people.id("a", "Uma Rao"), people.id("b", "Ben Ode"));
        // Slides under a handle that a profile gives someone else say nothing of this talk.
        let gist = urls(&["https://gist.github.com/noorali/123"]);
        let noor = urls(&["https://github.com/noorali"]);
        let people = People::of([m("a", "Noor Ali", &noor, &[]), m("b", "Ines Sousa", &[], &gist)]);
        assert_eq!(people.id("b", "Ines Sousa"), "ines-sousa");
    }

    #[test]
    fn two_people_of_one_name_get_two_ids_and_aliases_resolve() {
        let (a, b) = (urls(&["https://github.com/kim1"]), urls(&["https://github.com/kim2"]));
        let people = People::of([
            m("x", "Kim", &a, &[]),
            m("y", "Kim", &b, &[]),
            m("y", "Kim Lee", &[], &urls(&["https://github.com/kim2/deck"])),
            m("z", "Kim Park", &[], &urls(&["https://github.com/kim1/deck"])),
        ]);
        assert_eq!(people.id("x", "Kim"), "kim-park");
        assert_eq!(people.id("y", "Kim"), "kim-lee");
        // An id, a written name in any case, or the slug of an alias finds the person; a name
        // two people go by finds no one.
        assert_eq!(people.find("Kim Lee").unwrap().id, "kim-lee");
        assert_eq!(people.find("kim lee").unwrap().id, "kim-lee");
        assert!(people.find("Kim").is_none());
        let same_name = People::of([
            m("x", "Kim", &a, &[]),
            m("y", "Kim", &b, &[]),
            m("y", "Kim Lee", &[], &[]),
            m("y", "Kim Park", &[], &[]),
        ]);
        let ids: HashSet<String> = [same_name.id("x", "Kim"), same_name.id("y", "Kim")]
            .into_iter()
            .collect();
        assert!(ids.contains("kim") && ids.contains("kim-2"), "{ids:?}");
    }
}
