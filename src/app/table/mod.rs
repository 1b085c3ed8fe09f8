//! The record table as one area: its state, its paging, and its answers. The keys that
//! drive it are in `app::update::list`; the frame that draws it in `ui::record_list`.

pub mod columns;
pub mod paging;
pub mod results;
pub mod state;
