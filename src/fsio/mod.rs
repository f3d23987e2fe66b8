//! Every file coopgraph reads or writes goes through this module, so that the rules hold
//! everywhere:
//!
//! - inputs ([`input`]): only regular files are read (a FIFO or `/dev/zero` is an input error,
//!   not a hang), at most [`input::InputPolicy::max_bytes`] each, and every input is remembered so
//!   that no output can overwrite it;
//! - output files ([`output`]): written to a temporary file beside the target and renamed, so a
//!   failure never leaves half a file; only regular files are replaced, never an input (same
//!   device and inode, whatever the path); a symbolic link is written through to its target;
//!   an existing file keeps its permissions, a new one gets the usual umask-based mode;
//! - the report's folder ([`bundle`]): written only into a new folder, an empty one, or an earlier
//!   coopgraph bundle (recognised by its marker file), built beside it and swapped in whole;
//! - folders written again and again and edited by hand ([`owned`], `export --format csv`):
//!   a file is replaced only while it is still what coopgraph wrote;
//! - source texts ([`source_paths`]): only inside the dataset's folder or a folder the user
//!   allowed;
//! - temporary files and folders ([`cleanup`]): removed on Ctrl-C or SIGTERM; stale ones of ours
//!   are swept by the next report.

pub mod bundle;
pub mod cleanup;
pub mod input;
pub mod output;
pub mod owned;
pub mod source_paths;

pub use input::read_input;
pub use output::{
    check_output, make_dir, update_in_place, write_all, write_atomic, write_atomic_streamed,
    write_new, NewFile,
};
