//! The speakers of every talk an index holds, post by post, and the [`Directory`] of people
//! worked out from them. The index keeps a roster beside its documents and updates it at each
//! commit, so that a saved post changes who is who without the folder being read again.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;

use super::{Mention, People, Person};
use crate::guard::{self, Panicked};
use crate::talk::Talk;

/// The speakers of one talk, with the evidence of who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TalkSpeakers {
    /// The talk's id in the index.
    pub talk: String,
    /// `YYYY-MM-DD` of its post.
    pub date: Option<String>,
    pub speakers: Vec<String>,
    pub links: BTreeMap<String, Vec<String>>,
    /// The talk's slides and code when one person gave it: evidence of who they are.
    pub slides: Vec<String>,
}

impl TalkSpeakers {
    /// The speakers of `talk`, the `id` talk of a post of `date`.
    pub fn of(id: String, date: Option<String>, talk: &Talk) -> TalkSpeakers {
        TalkSpeakers {
            talk: id,
            date,
            speakers: talk.speakers.clone(),
            links: talk.speaker_links.clone(),
            slides: if talk.speakers.len() == 1 {
                talk.slides.clone()
            } else {
                Vec::new()
            },
        }
    }
}

/// Speakers by post. Cloning one shares its posts: a snapshot to work out the directory from
/// costs a pointer per post.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    posts: HashMap<Arc<str>, Arc<[TalkSpeakers]>>,
}

impl Roster {
    /// Replaces what a post's talks say of their speakers (a post without speakers drops out).
    pub fn set(&mut self, post: &str, talks: Vec<TalkSpeakers>) {
        let talks: Vec<TalkSpeakers> = talks.into_iter().filter(|t| !t.speakers.is_empty()).collect();
        if talks.is_empty() {
            self.posts.remove(post);
        } else {
            self.posts.insert(Arc::from(post), Arc::from(talks));
        }
    }

    pub fn remove(&mut self, post: &str) {
        self.posts.remove(post);
    }

    pub fn clear(&mut self) {
        self.posts.clear();
    }

    /// [`Roster::directory`] behind the boundary that keeps a bug met by one post inside it: if
    /// working out who is who panics, the posts that make it panic on their own are left out
    /// (returned with the panic's message: their talks stay searchable, their speakers are no
    /// one's), and who is who is worked out from the rest. A panic that no post makes alone is
    /// returned as it is.
    pub fn directory_guarded(&self) -> Result<(Directory, Vec<(String, String)>), Panicked> {
        self.without_faulty_posts(Roster::directory)
    }

    /// `work` on the roster, else on the roster without the posts `work` panics on alone.
    fn without_faulty_posts<T>(&self, work: impl Fn(&Roster) -> T) -> Result<(T, Vec<(String, String)>), Panicked> {
        let first = match guard::catch(|| work(self)) {
            Ok(done) => return Ok((done, Vec::new())),
            Err(panic) => panic,
        };
        let mut faulty = Vec::new();
        let mut rest = self.clone();
        for (post, talks) in &self.posts {
            let alone = Roster {
                posts: HashMap::from([(post.clone(), talks.clone())]),
            };
            if let Err(panic) = guard::catch(|| work(&alone)) {
                faulty.push((post.to_string(), panic.message));
                rest.posts.remove(post);
            }
        }
        faulty.sort();
        match guard::catch(|| work(&rest)) {
            Ok(done) if !faulty.is_empty() => Ok((done, faulty)),
            _ => Err(first),
        }
    }

    /// Who is who, and each person's talks.
    pub fn directory(&self) -> Directory {
        // Posts in path order: who is who, and each person's links, come out the same every time.
        let mut posts: Vec<(&Arc<str>, &Arc<[TalkSpeakers]>)> = self.posts.iter().collect();
        posts.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mentions = || {
            posts.iter().flat_map(|&(post, talks)| {
                talks.iter().flat_map(move |t| {
                    t.speakers.iter().map(move |name| Mention {
                        post,
                        name,
                        links: t.links.get(name).map(Vec::as_slice).unwrap_or_default(),
                        material: &t.slides,
                    })
                })
            })
        };
        let people = People::of(mentions());
        let mut talks: Vec<Vec<(String, Option<String>)>> = vec![Vec::new(); people.persons().len()];
        for (post, list) in &posts {
            for t in list.iter() {
                for name in &t.speakers {
                    // A talk that names one person twice is one of their talks: only this
                    // talk can have put itself last in their list.
                    if let Some(i) = people.index_of(post, name)
                        && talks[i].last().is_none_or(|(id, _)| *id != t.talk)
                    {
                        talks[i].push((t.talk.clone(), t.date.clone()));
                    }
                }
            }
        }
        for list in &mut talks {
            // Newest first; undated last.
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        Directory { people, talks }
    }
}

/// The blog's people, each with their talks (ids, newest first).
#[derive(Debug, Clone, Default)]
pub struct Directory {
    people: People,
    talks: Vec<Vec<(String, Option<String>)>>,
}

/// A person as `/speakers` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub links: Vec<String>,
    /// How many talks.
    pub talks: u64,
    /// `YYYY-MM-DD` of the post of their first and latest talk.
    pub first: Option<String>,
    pub latest: Option<String>,
}

impl Directory {
    /// The person a speaker name of a post is.
    pub fn person_of(&self, post: &str, name: &str) -> Option<&Person> {
        self.people.person_of(post, name)
    }

    /// The person a name as written is, when every post that writes it means one person.
    pub fn person_named(&self, name: &str) -> Option<&Person> {
        self.people.person_named(name)
    }

    /// Names as written that posts use for more than one person.
    pub fn shared_names(&self) -> impl Iterator<Item = &str> {
        self.people.shared_names()
    }

    /// The id of the person a speaker name of a post is.
    pub fn id(&self, post: &str, name: &str) -> String {
        self.people.id(post, name)
    }

    /// The person with this id (or the one person a name or alias means), with their talk ids,
    /// newest first.
    pub fn find(&self, id_or_name: &str) -> Option<(&Person, Vec<&str>)> {
        let i = self.people.find_index(id_or_name)?;
        let ids = self.talks[i].iter().map(|(id, _)| id.as_str()).collect();
        Some((&self.people.persons()[i], ids))
    }

    /// Everyone: most talks first, then the latest, then by name.
    pub fn speakers(&self) -> Vec<Speaker> {
        let mut out: Vec<Speaker> = self
            .people
            .persons()
            .iter()
            .zip(&self.talks)
            .filter(|(_, talks)| !talks.is_empty())
            .map(|(p, talks)| Speaker {
                id: p.id.clone(),
                name: p.name.clone(),
                aliases: p.aliases.clone(),
                links: p.links.clone(),
                talks: talks.len() as u64,
                latest: talks.iter().find_map(|t| t.1.clone()),
                first: talks.iter().rev().find_map(|t| t.1.clone()),
            })
            .collect();
        out.sort_by(|a, b| {
            b.talks
                .cmp(&a.talks)
                .then_with(|| b.latest.cmp(&a.latest))
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.id.cmp(&b.id))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_that_people_work_fails_on_is_left_out_and_named() {
        let mut roster = Roster::default();
        roster.set("a.md", vec![talk("a.md#1", "2024-01-01", &["Ann Lee"], &[])]);
        roster.set("b.md", vec![talk("b.md#1", "2024-02-01", &["Bo Chen"], &[])]);
        roster.set("c.md", vec![talk("c.md#1", "2024-03-01", &["Ann Lee"], &[])]);
        // Work that fails whenever b.md is in it, as a bug met by one post's speakers would.
        let work = |r: &Roster| {
            assert!(!r.posts.contains_key("b.md"), "a fault in b.md");
            r.directory()
        };
        let (directory, faulty) = roster.without_faulty_posts(work).unwrap();
        assert_eq!(faulty.len(), 1);
        assert_eq!(faulty[0].0, "b.md");
        assert!(faulty[0].1.contains("a fault in b.md"), "{:?}", faulty[0].1);
        let names: Vec<String> = directory.speakers().into_iter().map(|s| s.name).collect();
        assert_eq!(names, vec!["Ann Lee"]);
        // A fault no single post makes is the caller's to handle.
        let together = |r: &Roster| {
            assert!(r.posts.len() < 2, "needs two");
            r.directory()
        };
        assert!(roster.without_faulty_posts(together).is_err());
        // Nothing failing: nothing left out.
        assert!(roster.directory_guarded().unwrap().1.is_empty());
    }

    fn talk(id: &str, date: &str, speakers: &[&str], links: &[(&str, &str)]) -> TalkSpeakers {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, url) in links {
            map.entry(name.to_string()).or_default().push(url.to_string());
        }
        TalkSpeakers {
            talk: id.into(),
            date: Some(date.into()),
            speakers: speakers.iter().map(|s| s.to_string()).collect(),
            links: map,
            slides: Vec::new(),
        }
    }

    #[test]
    fn a_saved_post_changes_who_is_who() {
        let mut roster = Roster::default();
        roster.set(
            "a.md",
            vec![talk(
                "a.md:1",
                "2021-03-01",
                &["Wen"],
                &[("Wen", "https://github.com/wenzhao")],
            )],
        );
        roster.set("b.md", vec![talk("b.md:1", "2022-05-01", &["Ruth Abebe"], &[])]);
        let d = roster.directory();
        assert_eq!(d.id("a.md", "Wen"), "wen");
        // A post that gives Wen's full name with the same profile: one person from then on.
        roster.set(
            "c.md",
            vec![talk(
                "c.md:1",
                "2023-01-01",
                &["Wen Zhao"],
                &[("Wen Zhao", "https://x.com/wenzhao")],
            )],
        );
        let d = roster.directory();
        assert_eq!(d.id("a.md", "Wen"), "wen-zhao");
        let (wen, talks) = d.find("wen").map(|(p, t)| (p.clone(), t)).unwrap();
        assert_eq!(wen.name, "Wen Zhao");
        assert_eq!(talks, vec!["c.md:1", "a.md:1"]);
        let listed = d.speakers();
        assert_eq!(listed[0].id, "wen-zhao");
        assert_eq!(
            (listed[0].first.as_deref(), listed[0].latest.as_deref()),
            (Some("2021-03-01"), Some("2023-01-01"))
        );
        assert_eq!(listed[0].links.len(), 2);
        // The post removed: Wen is Wen again.
        roster.remove("c.md");
        assert_eq!(roster.directory().id("a.md", "Wen"), "wen");
        roster.set("b.md", Vec::new());
        assert!(roster.directory().speakers().iter().all(|s| s.name != "Ruth Abebe"));
    }
}
