//! Overlays over views: help, the changeset and the quit question open over the board, the
//! frequency table, the Properties view and the write log, and closing them shows that view
//! again (its answers keep arriving while it is covered).

use crate::app::modal::Modal;
use crate::app::state::AppState;

/// Whether `m` is a view another overlay may cover (and come back to).
fn is_view(m: &Modal) -> bool {
    matches!(m, Modal::Board(_) | Modal::Freq(_) | Modal::Props(_) | Modal::Log(_))
}

/// Shows `m`, keeping the view it covers.
pub fn cover(state: &mut AppState, m: Modal) {
    let old = std::mem::replace(&mut state.modal, m);
    if is_view(&old) {
        state.under.push(old);
    }
}

/// `?`: the help, over whatever is shown.
pub fn help(state: &mut AppState) -> Vec<crate::app::command::Command> {
    cover(state, Modal::Help);
    state.help_scroll = 0;
    Vec::new()
}

/// Closes the overlay: the view it covered, if any, comes back.
pub fn uncover(state: &mut AppState) {
    state.modal = state.under.pop().unwrap_or_default();
}

/// The view `pick` chooses, shown or covered.
pub fn find<T>(state: &mut AppState, pick: fn(&mut Modal) -> Option<&mut T>) -> Option<&mut T> {
    std::iter::once(&mut state.modal).chain(state.under.iter_mut().rev()).find_map(pick)
}
