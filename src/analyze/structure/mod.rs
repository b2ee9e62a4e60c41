//! Structure: the outline by GB/T 9704 levels, numbering faults, enumerations, parallel headings.

pub mod marker;
pub mod numeral;
