//! HubSpot's standard object types every portal has, with the columns a table shows first.

/// `(objectTypeId, path name, label, display properties)`.
pub const STANDARD_TYPES: &[(&str, &str, &str, &[&str])] = &[
    ("0-1", "contacts", "Contacts", &["firstname", "lastname", "email"]),
    ("0-2", "companies", "Companies", &["name", "domain"]),
    ("0-3", "deals", "Deals", &["dealname", "amount", "dealstage"]),
    ("0-5", "tickets", "Tickets", &["subject", "hs_pipeline_stage", "hs_ticket_priority"]),
    ("0-46", "notes", "Notes", &["hs_note_body", "hs_timestamp"]),
    ("0-47", "meetings", "Meetings", &["hs_meeting_title", "hs_meeting_start_time"]),
    ("0-27", "tasks", "Tasks", &["hs_task_subject", "hs_task_status"]),
    ("0-48", "calls", "Calls", &["hs_call_title", "hs_call_direction"]),
    ("0-49", "emails", "Emails", &["hs_email_subject", "hs_email_direction"]),
    ("0-7", "products", "Products", &["name", "price", "hs_sku"]),
    ("0-8", "line_items", "Line items", &["name", "quantity", "amount"]),
    ("0-14", "quotes", "Quotes", &["hs_title", "hs_status", "hs_expiration_date"]),
    ("0-136", "leads", "Leads", &["hs_lead_name", "hs_pipeline_stage", "hs_lead_type"]),
    ("0-18", "communications", "Communications", &["hs_communication_body", "hs_communication_channel_type"]),
    ("0-116", "postal_mail", "Postal mail", &["hs_postal_mail_body", "hs_timestamp"]),
    ("0-115", "users", "Users", &["hs_email", "hs_given_name", "hs_family_name"]),
];
