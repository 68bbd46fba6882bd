//! The event ontology: CAMEO codes and names, Goldstein scores, QuadClass and
//! PentaClass, CAMEO actor and agent codes, and the mapping to PLOVER.
