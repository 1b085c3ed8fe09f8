//! The shipped keymap parses, every action is reachable, and keys round-trip.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hubtui::action::Action;
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

/// Issue 12.10: an unknown action in the user's keymap.toml stopped the app from starting;
/// now the line is skipped with a warning naming file, key and action.
#[test]
fn a_bad_line_in_the_users_keymap_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keymap.toml");
    std::fs::write(&file, "[list]\n\"x\" = \"fly\"\n\"J\" = \"down\"\n[nowhere]\n\"z\" = \"open\"\n").unwrap();
    let (k, problems) = Keymap::load(&file).unwrap();
    assert_eq!(k.resolve(Context::List, KeyChord::parse("J").unwrap()), Some(Action::Down), "good lines apply");
    assert_eq!(k.resolve(Context::List, KeyChord::parse("x").unwrap()), None);
    let text = problems.join("\n");
    assert!(text.contains("keymap.toml") && text.contains("\"x\"") && text.contains("fly"), "{text}");
    assert!(text.contains("nowhere"), "{text}");
    std::fs::write(&file, "this is not toml [").unwrap();
    let (k, problems) = Keymap::load(&file).unwrap();
    assert_eq!(k, Keymap::defaults().unwrap(), "an unreadable file leaves the defaults");
    assert_eq!(problems.len(), 1);
}

/// Issue 12.5: help lists every context's keys, each description whole (wrapped, not cut).
#[test]
fn help_lists_every_context_with_whole_descriptions() {
    use hubtui::ui::help::{describe_in, help_lines, title};
    let k = Keymap::defaults().unwrap();
    for width in [60usize, 100, 200] {
        let lines = help_lines(&k, width, None, &hubtui::ui::Theme::no_color());
        let text: String = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ");
        let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for ctx in Context::ALL {
            assert!(words.contains(title(ctx)), "{width}: {ctx:?} missing");
            for (c, _, a) in k.all() {
                if c == ctx {
                    let d = describe_in(ctx, a).split_whitespace().collect::<Vec<_>>().join(" ");
                    // Wrapped descriptions continue in the same column; at any width each
                    // word of a description appears.
                    for w in d.split(' ') {
                        assert!(words.contains(w), "{width}: {ctx:?} {a:?}: {w:?} cut from {d:?}");
                    }
                    if width == 200 {
                        assert!(words.contains(&d), "{ctx:?} {a:?}: {d:?} is not whole");
                    }
                }
            }
        }
        assert!(lines.iter().all(|l| l.width() <= width), "{width}: a line is wider than the screen");
    }
}
