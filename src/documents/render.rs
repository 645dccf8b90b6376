//! Laid-out pages to PDF bytes with krilla, which embeds only the glyphs used.

use krilla::Document;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::text::{GlyphId, KrillaGlyph};

use super::DocError;
use super::font::Face;
use super::page::Op;

/// The seal as read from the company's settings, checked to decode.
#[derive(Clone)]
pub struct Seal(Image);

impl Seal {
    /// Reads a PNG or JPEG (by its first bytes).
    pub fn load(path: &std::path::Path) -> Result<Seal, DocError> {
        let bad = |detail: String| DocError::Seal {
            path: path.to_path_buf(),
            detail,
        };
        let bytes = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
        let image = if bytes.starts_with(b"\x89PNG") {
            Image::from_png(bytes.into(), true)
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            Image::from_jpeg(bytes.into(), true)
        } else {
            Err("not a PNG or JPEG image".to_string())
        };
        image.map(Seal).map_err(bad)
    }
}

/// One PDF from `pages` of `size` points.
pub(crate) fn pdf(
    face: &Face,
    seal: Option<&Seal>,
    title: &str,
    size: (f32, f32),
    pages: &[Vec<Op>],
) -> Result<Vec<u8>, DocError> {
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .creator("kehu".to_string()),
    );
    let settings = PageSettings::from_wh(size.0, size.1).ok_or_else(|| DocError::Pdf {
        detail: "page size".into(),
    })?;
    let mut glyphs = Vec::new();
    for ops in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    baseline,
                    size,
                    text,
                } => {
                    glyphs.clear();
                    for (at, c) in text.char_indices() {
                        let g = face.glyph(c);
                        glyphs.push(KrillaGlyph::new(
                            GlyphId::new(g.id),
                            g.advance,
                            0.0,
                            0.0,
                            0.0,
                            at..at + c.len_utf8(),
                            None,
                        ));
                    }
                    surface.draw_glyphs(
                        Point::from_xy(*x, *baseline),
                        &glyphs,
                        face.font.clone(),
                        text,
                        *size,
                        false,
                    );
                }
                Op::Line { from, to, width } => {
                    let mut path = PathBuilder::new();
                    path.move_to(from.0, from.1);
                    path.line_to(to.0, to.1);
                    if let Some(path) = path.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            width: *width,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                        surface.set_fill(Some(Default::default()));
                    }
                }
                Op::Seal { x, y, w, h } => {
                    if let Some(Seal(image)) = seal {
                        let (iw, ih) = image.size();
                        let scale = (w / iw.max(1) as f32).min(h / ih.max(1) as f32);
                        let (dw, dh) = (iw as f32 * scale, ih as f32 * scale);
                        if let Some(fit) = Size::from_wh(dw, dh) {
                            surface.push_transform(&Transform::from_translate(*x, *y));
                            surface.draw_image(image.clone(), fit);
                            surface.pop();
                        }
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| DocError::Pdf {
        detail: format!("{e:?}"),
    })
}
