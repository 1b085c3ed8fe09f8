//! What reaches the event loop: terminal input (keys, resizes, mouse) and messages from
//! command tasks.

use crate::app::msg::{Mouse, Msg};
use crate::keymap::KeyChord;

/// One thing for the loop to handle.
#[derive(Debug)]
pub enum Event {
    Key(KeyChord),
    Resize(u16, u16),
    Mouse(Mouse),
    Msg(Box<Msg>),
}
