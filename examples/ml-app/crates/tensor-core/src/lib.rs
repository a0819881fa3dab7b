//! Part of the ml-app example.
