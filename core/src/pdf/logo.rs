//! The organisation's logo as a PDF image, with no image library (issue 20: printpdf's
//! `png`/`jpeg` features compile in the `image` crate and its codecs for one small picture).
//!
//! - A JPEG is embedded as it is (`/DCTDecode`): PDF readers decode JPEG themselves, so only
//!   its header is read here (size and colour components). Baseline and progressive files
//!   with 8-bit samples are taken; an Adobe CMYK file (inverted samples) gets the `/Decode`
//!   array that turns it back.
//! - A PNG is decoded with the `png` crate (palette and 16-bit samples brought to 8 bits),
//!   reduced when it has far more pixels than the header prints (more than 300 dpi), and
//!   written as Flate-compressed samples; its transparency, when it has some, becomes the
//!   image's soft mask.
//!
//! Anything else, or a damaged file, gives no logo: the documents are printed without it.

use std::collections::BTreeMap;
use std::io::Write;

use printpdf::{DictItem, ExternalStream, ExternalXObject, Px};

use super::render::logo_size;

/// The finest resolution worth keeping for the printed header.
const MAX_DPI: f32 = 300.0;

/// The logo ready to be added to a document.
#[derive(Clone, Debug)]
pub struct Logo {
    /// Size in pixels of the source file, which sets the drawn proportions.
    pub source: (u32, u32),
    /// Size in pixels of the embedded image (smaller than `source` once reduced).
    pub pixels: (u32, u32),
    /// The image XObject.
    pub xobject: ExternalXObject,
}

impl Logo {
    /// The logo in `bytes` (PNG or JPEG), or `None` for any other or damaged file.
    pub fn from_bytes(bytes: &[u8]) -> Option<Logo> {
        if bytes.starts_with(&[0xFF, 0xD8]) {
            jpeg(bytes)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            png(bytes)
        } else {
            None
        }
    }
}

fn name(text: &str) -> DictItem {
    DictItem::Name(text.as_bytes().to_vec())
}

fn image_stream(
    width: u32,
    height: u32,
    colour_space: &str,
    filter: &str,
    content: Vec<u8>,
) -> ExternalStream {
    let mut dict = BTreeMap::new();
    dict.insert("Type".to_string(), name("XObject"));
    dict.insert("Subtype".to_string(), name("Image"));
    dict.insert("Width".to_string(), DictItem::Int(i64::from(width)));
    dict.insert("Height".to_string(), DictItem::Int(i64::from(height)));
    dict.insert("ColorSpace".to_string(), name(colour_space));
    dict.insert("BitsPerComponent".to_string(), DictItem::Int(8));
    dict.insert("Filter".to_string(), name(filter));
    // Already compressed: nothing may compress it again.
    ExternalStream { dict, content, compress: false }
}

fn xobject(stream: ExternalStream, (width, height): (u32, u32)) -> ExternalXObject {
    ExternalXObject { stream, width: Some(Px(width as usize)), height: Some(Px(height as usize)), dpi: None }
}

// ---------------------------------------------------------------------------------------
// JPEG: the header only
// ---------------------------------------------------------------------------------------

/// What the frame header of a JPEG says.
#[derive(Debug, PartialEq)]
struct JpegFrame {
    width: u32,
    height: u32,
    components: u8,
    /// An Adobe `APP14` segment: CMYK samples are stored inverted.
    adobe: bool,
}

/// Walks the segments up to the frame header (`SOF`). Only what every PDF reader decodes is
/// accepted: Huffman-coded baseline, extended or progressive frames of 8-bit samples with
/// 1 (grey), 3 (colour) or 4 (CMYK) components.
fn jpeg_frame(bytes: &[u8]) -> Option<JpegFrame> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    let mut adobe = false;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        // A marker may be preceded by any number of fill bytes.
        while *bytes.get(at)? == 0xFF {
            at += 1;
        }
        let marker = *bytes.get(at)?;
        at += 1;
        match marker {
            // Markers with no segment.
            0x01 | 0xD0..=0xD7 => continue,
            // The image ends, or its data starts, before any frame header.
            0xD9 | 0xDA => return None,
            _ => {}
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]));
        let segment = bytes.get(at + 2..at.checked_add(length)?)?;
        match marker {
            0xEE if segment.starts_with(b"Adobe") => adobe = true,
            0xC0..=0xC2 => {
                let [precision, h1, h0, w1, w0, components, ..] = *segment else { return None };
                let height = u32::from(u16::from_be_bytes([h1, h0]));
                let width = u32::from(u16::from_be_bytes([w1, w0]));
                let usable = precision == 8 && width > 0 && height > 0 && matches!(components, 1 | 3 | 4);
                return usable.then_some(JpegFrame { width, height, components, adobe });
            }
            // Lossless, hierarchical or arithmetic-coded frames.
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => return None,
            _ => {}
        }
        at += length;
    }
}

fn jpeg(bytes: &[u8]) -> Option<Logo> {
    let frame = jpeg_frame(bytes)?;
    let colour_space = match frame.components {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        _ => "DeviceCMYK",
    };
    let mut stream = image_stream(frame.width, frame.height, colour_space, "DCTDecode", bytes.to_vec());
    if frame.components == 4 && frame.adobe {
        let inverted = [1, 0, 1, 0, 1, 0, 1, 0].map(DictItem::Int).to_vec();
        stream.dict.insert("Decode".to_string(), DictItem::Array(inverted));
    }
    let size = (frame.width, frame.height);
    Some(Logo { source: size, pixels: size, xobject: xobject(stream, size) })
}

// ---------------------------------------------------------------------------------------
// PNG: decoded, maybe reduced, Flate-compressed
// ---------------------------------------------------------------------------------------

/// 8-bit samples, `channels` per pixel (grey, grey + alpha, RGB or RGBA), row after row.
struct Pixels {
    width: u32,
    height: u32,
    channels: usize,
    samples: Vec<u8>,
}

impl Pixels {
    fn has_alpha(&self) -> bool {
        self.channels.is_multiple_of(2)
    }

    fn colours(&self) -> usize {
        if self.has_alpha() {
            self.channels - 1
        } else {
            self.channels
        }
    }
}

fn decode_png(bytes: &[u8]) -> Option<Pixels> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let mut samples = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut samples).ok()?;
    let channels = match frame.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return None,
    };
    if frame.bit_depth != png::BitDepth::Eight || frame.width == 0 || frame.height == 0 {
        return None;
    }
    let row = frame.width as usize * channels;
    let mut tight = Vec::with_capacity(row * frame.height as usize);
    for line in samples.chunks(frame.line_size).take(frame.height as usize) {
        tight.extend_from_slice(line.get(..row)?);
    }
    Some(Pixels { width: frame.width, height: frame.height, channels, samples: tight })
}

/// How many source pixels a side of an embedded pixel may gather: as many as keeps at least
/// `MAX_DPI` in the printed header.
fn reduction(source: (u32, u32)) -> u32 {
    let (drawn_width, _) = logo_size((source.0 as f32, source.1 as f32));
    let needed = (drawn_width * MAX_DPI / 72.0).ceil().max(1.0);
    ((source.0 as f32 / needed).floor() as u32).max(1)
}

/// `pixels` reduced `factor` times on each side, each new pixel the mean of its block; the
/// colours weighted by their opacity, so that what is transparent lends no colour.
fn reduce(pixels: &Pixels, factor: u32) -> Pixels {
    if factor <= 1 {
        return Pixels { samples: pixels.samples.clone(), ..*pixels };
    }
    let (width, height) = (pixels.width.div_ceil(factor), pixels.height.div_ceil(factor));
    let (channels, colours) = (pixels.channels, pixels.colours());
    let (factor, source_width, source_height) =
        (factor as usize, pixels.width as usize, pixels.height as usize);
    let mut samples = Vec::with_capacity(width as usize * height as usize * channels);
    for y in 0..height as usize {
        for x in 0..width as usize {
            let (mut sums, mut opacity, mut count) = ([0u64; 3], 0u64, 0u64);
            for sy in y * factor..((y + 1) * factor).min(source_height) {
                for sx in x * factor..((x + 1) * factor).min(source_width) {
                    let at = (sy * source_width + sx) * channels;
                    let pixel = &pixels.samples[at..at + channels];
                    let alpha = if pixels.has_alpha() { u64::from(pixel[colours]) } else { 255 };
                    for (sum, &sample) in sums.iter_mut().zip(&pixel[..colours]) {
                        *sum += u64::from(sample) * alpha;
                    }
                    opacity += alpha;
                    count += 1;
                }
            }
            for sum in &sums[..colours] {
                samples.push((sum + opacity / 2).checked_div(opacity).map_or(0, |mean| mean as u8));
            }
            if pixels.has_alpha() {
                samples.push(((opacity + count / 2) / count) as u8);
            }
        }
    }
    Pixels { width, height, channels, samples }
}

fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).ok()?;
    encoder.finish().ok()
}

fn png(bytes: &[u8]) -> Option<Logo> {
    let decoded = decode_png(bytes)?;
    let source = (decoded.width, decoded.height);
    let pixels = reduce(&decoded, reduction(source));
    drop(decoded);
    let colours = pixels.colours();
    let colour: Vec<u8>;
    let mut alpha: Option<Vec<u8>> = None;
    if pixels.has_alpha() {
        let mut opaque = Vec::with_capacity(pixels.samples.len() / pixels.channels * colours);
        let mut mask = Vec::with_capacity(pixels.samples.len() / pixels.channels);
        for pixel in pixels.samples.chunks_exact(pixels.channels) {
            opaque.extend_from_slice(&pixel[..colours]);
            mask.push(pixel[colours]);
        }
        colour = opaque;
        // A mask with every pixel opaque says nothing.
        alpha = mask.iter().any(|&a| a != 255).then_some(mask);
    } else {
        colour = pixels.samples;
    }
    let colour_space = if colours == 1 { "DeviceGray" } else { "DeviceRGB" };
    let size = (pixels.width, pixels.height);
    let mut stream = image_stream(size.0, size.1, colour_space, "FlateDecode", deflate(&colour)?);
    if let Some(mask) = alpha {
        let mask = image_stream(size.0, size.1, "DeviceGray", "FlateDecode", deflate(&mask)?);
        stream.dict.insert("SMask".to_string(), DictItem::Stream { stream: mask });
    }
    Some(Logo { source, pixels: size, xobject: xobject(stream, size) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/logos").join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn entry<'a>(logo: &'a Logo, key: &str) -> Option<&'a DictItem> {
        logo.xobject.stream.dict.get(key)
    }

    fn is_name(item: Option<&DictItem>, expected: &str) -> bool {
        matches!(item, Some(DictItem::Name(n)) if n == expected.as_bytes())
    }

    #[test]
    fn a_jpeg_is_embedded_as_it_is_with_its_size_and_colour_space() {
        for (file, space) in
            [("rgb.jpg", "DeviceRGB"), ("grey-progressive.jpg", "DeviceGray"), ("cmyk.jpg", "DeviceCMYK")]
        {
            let bytes = fixture(file);
            let logo = Logo::from_bytes(&bytes).unwrap_or_else(|| panic!("{file}"));
            assert_eq!((logo.source, logo.pixels), ((80, 40), (80, 40)), "{file}");
            assert_eq!(logo.xobject.stream.content, bytes, "{file}");
            assert!(is_name(entry(&logo, "Filter"), "DCTDecode"), "{file}");
            assert!(is_name(entry(&logo, "ColorSpace"), space), "{file}");
            // ImageMagick writes CMYK with an Adobe segment: inverted samples.
            assert_eq!(entry(&logo, "Decode").is_some(), file == "cmyk.jpg", "{file}");
        }
    }

    #[test]
    fn a_jpeg_the_readers_may_not_decode_or_a_damaged_one_gives_no_logo() {
        let mut bytes = fixture("rgb.jpg");
        let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).expect("baseline frame header");
        bytes[sof + 1] = 0xC3; // lossless
        assert!(Logo::from_bytes(&bytes).is_none());
        bytes[sof + 1] = 0xC9; // arithmetic coding
        assert!(Logo::from_bytes(&bytes).is_none());
        assert!(Logo::from_bytes(&fixture("rgb.jpg")[..sof]).is_none());
        assert!(Logo::from_bytes(&[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]).is_none());
        assert!(Logo::from_bytes(b"GIF89a").is_none());
    }

    fn decoded_colour(logo: &Logo) -> Vec<u8> {
        let mut out = Vec::new();
        let mut decoder = flate2::read::ZlibDecoder::new(&logo.xobject.stream.content[..]);
        std::io::Read::read_to_end(&mut decoder, &mut out).unwrap();
        out
    }

    #[test]
    fn a_png_with_transparency_gets_a_soft_mask_and_an_opaque_one_none() {
        let logo = Logo::from_bytes(&fixture("alpha.png")).unwrap();
        assert_eq!(logo.pixels, (80, 40));
        assert!(is_name(entry(&logo, "ColorSpace"), "DeviceRGB"));
        assert!(matches!(entry(&logo, "SMask"), Some(DictItem::Stream { .. })));
        let colour = decoded_colour(&logo);
        assert_eq!(colour.len(), 80 * 40 * 3);
        assert_eq!(&colour[..3], &[0x10, 0x40, 0xa0]);
        assert_eq!(&colour[79 * 3..80 * 3], &[0xc0, 0x20, 0x20]);

        let logo = Logo::from_bytes(&fixture("palette.png")).unwrap();
        assert!(is_name(entry(&logo, "ColorSpace"), "DeviceRGB"));
        assert!(entry(&logo, "SMask").is_none());
        assert_eq!(decoded_colour(&logo).len(), 80 * 40 * 3);

        let logo = Logo::from_bytes(&fixture("grey-alpha-16.png")).unwrap();
        assert!(is_name(entry(&logo, "ColorSpace"), "DeviceGray"));
        assert!(entry(&logo, "SMask").is_some());
        assert_eq!(decoded_colour(&logo)[0], 0x20);

        let icon = include_bytes!("../../../assets/icons/128x128.png");
        assert_eq!(Logo::from_bytes(icon).unwrap().pixels, (128, 128));
    }

    #[test]
    fn a_png_far_finer_than_the_print_is_reduced_to_about_300_dpi() {
        let logo = Logo::from_bytes(&fixture("large.png")).unwrap();
        assert_eq!(logo.source, (2400, 1200));
        // Drawn 76 × 38 points: 317 pixels wide at 300 dpi, so blocks of 7.
        assert_eq!(logo.pixels, (343, 172));
        let colour = decoded_colour(&logo);
        assert_eq!(colour.len(), 343 * 172 * 3);
        assert_eq!(&colour[..3], &[0x10, 0x40, 0xa0]);
        assert_eq!(&colour[colour.len() - 3..], &[0xc0, 0x20, 0x20]);
    }

    #[test]
    fn reducing_lends_no_colour_from_transparent_pixels() {
        // Two pixels: opaque red, transparent black.
        let pixels = Pixels { width: 2, height: 1, channels: 4, samples: vec![200, 0, 0, 255, 0, 0, 0, 0] };
        let reduced = reduce(&pixels, 2);
        assert_eq!((reduced.width, reduced.height), (1, 1));
        assert_eq!(reduced.samples, vec![200, 0, 0, 128]);
    }

    #[test]
    fn a_damaged_png_gives_no_logo() {
        let bytes = fixture("alpha.png");
        assert!(Logo::from_bytes(&bytes[..bytes.len() / 2]).is_none());
    }
}
