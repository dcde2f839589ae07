//! Typed ids. On the wire they are plain JSON numbers, which clients must treat
//! as opaque values.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A tiers-lieu of the network.
    SiteId
);
id_type!(
    /// A bookable desk, meeting room or phone booth.
    ResourceId
);
id_type!(
    /// A person with an account (or an assisted person without e-mail).
    PersonId
);
id_type!(
    /// A machine's API key.
    ApiKeyId
);
id_type!(
    /// A booking of one resource by one person.
    BookingId
);
id_type!(
    /// A weekly series of bookings.
    SeriesId
);
id_type!(
    /// A place on a waitlist.
    WaitlistId
);
id_type!(
    /// A quota policy (all its versions).
    PolicyId
);
