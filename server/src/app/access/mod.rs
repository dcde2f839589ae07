//! Door access, the "access" half of Relais: passes that open a door
//! (`passes`), signed with keys doors know (`keys`); what doors ask, download
//! and upload (`doors`); checking in and out (`presence`); places nobody
//! took going back to others (`releases`); the host's live view (`board`)
//! and the access log (`log`).

pub mod board;
pub mod doors;
pub mod keys;
pub mod log;
pub mod passes;
pub mod presence;
pub mod releases;
