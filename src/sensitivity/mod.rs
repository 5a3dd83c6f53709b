//! What would change the verdict (docs/model.md): the tornado.

pub mod tornado;
