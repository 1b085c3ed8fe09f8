//! Word lists for the demo portal's generated records.

pub const FIRST: &[&str] = &[
    "Ada",
    "Alan",
    "Grace",
    "Linus",
    "Margaret",
    "Ken",
    "Barbara",
    "Dennis",
    "Frances",
    "John",
    "Katherine",
    "Tim",
    "Radia",
    "Edsger",
    "Hedy",
    "Donald",
    "Sophie",
    "Guido",
    "Anita",
    "Bjarne",
    "Mary",
    "James",
    "Lynn",
    "Niklaus",
    "Shafi",
    "Leslie",
    "Joan",
    "Whitfield",
    "Carol",
    "Brian",
];
pub const LAST: &[&str] = &[
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Thompson",
    "Liskov",
    "Ritchie",
    "Allen",
    "McCarthy",
    "Johnson",
    "Berners-Lee",
    "Perlman",
    "Dijkstra",
    "Lamarr",
    "Knuth",
    "Wilson",
    "van Rossum",
    "Borg",
    "Stroustrup",
    "Shelley",
    "Gosling",
    "Conway",
    "Wirth",
    "Goldwasser",
    "Lamport",
    "Clarke",
    "Diffie",
    "Shaw",
    "Kernighan",
];
pub const COMPANY_WORDS: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Vandelay",
    "Stark",
    "Wayne",
    "Wonka",
    "Soylent",
    "Tyrell",
    "Cyberdyne",
    "Aperture",
    "Gringotts",
    "Monarch",
    "Oscorp",
    "Pied Piper",
    "Massive Dynamic",
    "Nakatomi",
    "Virtucon",
];
pub const COMPANY_SUFFIX: &[&str] = &["Inc", "LLC", "Group", "Holdings", "Labs", "Systems", "Motors", "Logistics"];
pub const CITIES: &[(&str, &str, &str)] = &[
    ("Boston", "MA", "United States"),
    ("Denver", "CO", "United States"),
    ("Austin", "TX", "United States"),
    ("Seattle", "WA", "United States"),
    ("Portland", "OR", "United States"),
    ("Chicago", "IL", "United States"),
    ("Dublin", "Leinster", "Ireland"),
    ("Berlin", "Berlin", "Germany"),
    ("Toronto", "ON", "Canada"),
    ("Sydney", "NSW", "Australia"),
];
pub const JOBS: &[&str] = &[
    "Fleet Manager",
    "Operations Director",
    "CFO",
    "Purchasing Lead",
    "Service Advisor",
    "Sales Manager",
    "Office Manager",
    "Owner",
    "Procurement Specialist",
    "IT Director",
];
/// `(make, WMI prefix, models with base prices)`.
/// A model and its base price.
pub type Model = (&'static str, i64);

pub const MAKES: &[(&str, &str, &[Model])] = &[
    ("Toyota", "JTD", &[("Camry", 28_000), ("Corolla", 22_000), ("RAV4", 31_000), ("Tacoma", 36_000)]),
    ("Ford", "1FT", &[("F-150", 42_000), ("Mustang", 38_000), ("Explorer", 40_000), ("F-350 SD", 58_000)]),
    ("BMW", "WBA", &[("X1", 41_000), ("X5", 66_000), ("330i", 46_000), ("M4", 79_000)]),
    ("Honda", "1HG", &[("Civic", 24_000), ("Accord", 29_000), ("CR-V", 32_000)]),
    ("Acura", "19U", &[("NSX", 160_000), ("MDX", 51_000), ("Integra", 33_000)]),
    ("Tesla", "5YJ", &[("Model 3", 42_000), ("Model Y", 47_000), ("Model S", 82_000)]),
    ("Mazda", "JM1", &[("CX-5", 30_000), ("MX-5 Miata", 31_000), ("Mazda3", 25_000)]),
    ("Chevrolet", "1GC", &[("Silverado", 45_000), ("Tahoe", 60_000), ("Bolt EV", 28_000)]),
    ("Audi", "WAU", &[("A4", 43_000), ("Q5", 48_000), ("e-tron GT", 106_000)]),
    ("Mercedes-Benz", "WDD", &[("C300", 47_000), ("GLE 350", 62_000), ("S 500", 118_000)]),
];
pub const DEALERSHIPS: &[&str] = &[
    "Mountain Mazda",
    "Bayside BMW",
    "Harbor Ford",
    "Riverside Toyota",
    "Summit Auto Group",
    "Lakeshore Motors",
    "Capitol Chevrolet",
    "Northgate Audi",
];
pub const DEAL_WORDS: &[&str] = &[
    "Fleet renewal",
    "Service contract",
    "Extended warranty",
    "Lease buyout",
    "Trade-in program",
    "Maintenance plan",
    "Corporate fleet",
    "EV pilot",
];
pub const TICKET_SUBJECTS: &[&str] = &[
    "Check engine light after service",
    "Invoice shows wrong VIN",
    "Request for loaner car",
    "Warranty claim rejected",
    "Cannot book maintenance online",
    "Paint damage at delivery",
    "Missing spare key",
    "Question about premium plan",
];
pub const NOTE_BODIES: &[&str] = &[
    "Customer asked about extending the maintenance package to premium.",
    "Called about the recall notice; booked an inspection.",
    "Test drive went well, waiting on financing approval.",
    "Trade-in appraisal sent; customer will decide next week.",
    "Reminder: tyre rotation due at next service.",
    "Owner moved; updated address and preferred dealership.",
];
pub const MEETING_TITLES: &[&str] =
    &["Test drive", "Fleet review", "Quarterly business review", "Service walkthrough", "Contract signing"];
pub const TASK_SUBJECTS: &[&str] =
    &["Follow up on quote", "Send brochure", "Schedule service", "Confirm delivery date", "Call about renewal"];
pub const CALL_TITLES: &[&str] =
    &["Intro call", "Pricing discussion", "Service reminder", "Follow-up call", "Complaint call"];
pub const EMAIL_SUBJECTS: &[&str] =
    &["Your quote", "Service appointment confirmed", "Welcome to our dealership", "Your car is ready", "Renewal offer"];
pub const SOURCES: &[&str] = &["CRM_UI", "API", "IMPORT", "INTEGRATION", "WORKFLOWS"];
