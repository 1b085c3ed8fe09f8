//! The shipped keymap parses, every action is reachable, and keys round-trip.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hubtui::app::action::Action;
use hubtui::keymap::{Context, Key, KeyChord, Keymap};

#[test]
fn shipped_keymap_parses_and_reaches_every_action() {
    let k = Keymap::defaults().unwrap();
    for a in Action::ALL {
        assert!(k.all().any(|(_, _, b)| b == *a), "{a:?} has no key");
    }
    assert_eq!(k.resolve(Context::List, KeyChord::parse("j").unwrap()), Some(Action::Down));
    assert_eq!(k.resolve(Context::List, KeyChord::parse("q").unwrap()), Some(Action::Quit), "global fallback");
    assert_eq!(k.resolve(Context::Help, KeyChord::parse("q").unwrap()), Some(Action::Back), "help closes first");
    assert_eq!(k.resolve(Context::Help, KeyChord::parse("tab").unwrap()), None);
}

#[test]
fn chords_round_trip() {
    for s in ["j", "G", "ctrl-d", "alt-x", "shift-tab", "enter", "esc", "f5", "space", "?", "pagedown"] {
        assert_eq!(KeyChord::parse(s).unwrap().to_string(), s);
    }
    assert_eq!(KeyChord::parse("ctrl-c").unwrap(), KeyChord { key: Key::Char('c'), ctrl: true, alt: false });
    assert!(KeyChord::parse("hyper-x").is_err());
}

#[test]
fn user_overrides_replace_per_key_and_bad_files_name_the_problem() {
    let mut k = Keymap::defaults().unwrap();
    k.apply("user keymap.toml", "[list]\n\"x\" = \"open\"\n\"j\" = \"up\"\n").unwrap();
    assert_eq!(k.resolve(Context::List, KeyChord::parse("x").unwrap()), Some(Action::Open));
    assert_eq!(k.resolve(Context::List, KeyChord::parse("j").unwrap()), Some(Action::Up));
    assert_eq!(k.resolve(Context::List, KeyChord::parse("k").unwrap()), Some(Action::Up), "the rest keep defaults");
    let e = k.apply("user keymap.toml", "[list]\n\"x\" = \"fly\"\n").unwrap_err();
    assert!(e.contains("user keymap.toml") && e.contains("fly"), "{e}");
    let e = k.apply("u.toml", "[nowhere]\n\"x\" = \"open\"\n").unwrap_err();
    assert!(e.contains("nowhere"));
    let e = k.apply("u.toml", "[list]\n\"x\" = \"open\"\n\"x\" = \"up\"\n").unwrap_err();
    assert!(e.contains("u.toml"), "duplicate keys are errors: {e}");
}
