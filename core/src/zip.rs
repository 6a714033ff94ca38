//! The little of the ZIP format (PKWARE's APPNOTE 6.3) an OpenDocument file needs: entries
//! stored or deflated, in the order given, with their CRC-32, and the central directory.
//! Names are UTF-8 (flag bit 11); no ZIP64 (a relevé is far below 4 GiB).

use std::io::Write;

use flate2::write::DeflateEncoder;
use flate2::Compression;

/// How an entry's bytes are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// As they are (the `mimetype` of an OpenDocument file must be).
    Stored,
    /// Deflated.
    Deflated,
}

/// A ZIP archive written in memory.
#[derive(Debug, Default)]
pub struct ZipWriter {
    bytes: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

/// The DOS date of every entry: 1 January 1980, 00:00 (the files' dates carry nothing here,
/// and the same content then gives the same bytes).
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// Version 2.0 (deflate), names in UTF-8.
const VERSION: u16 = 20;
const UTF8_NAMES: u16 = 1 << 11;

impl ZipWriter {
    /// An empty archive.
    pub fn new() -> ZipWriter {
        ZipWriter::default()
    }

    /// Adds `data` as `name` (a path with `/`).
    pub fn add(&mut self, name: &str, data: &[u8], method: Method) {
        let crc = crc32fast::hash(data);
        let (code, packed): (u16, Vec<u8>) = match method {
            Method::Stored => (0, data.to_vec()),
            Method::Deflated => {
                let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
                // Writing into memory cannot fail.
                let _ = encoder.write_all(data);
                (8, encoder.finish().unwrap_or_default())
            }
        };
        let offset = self.bytes.len() as u32;
        let name = name.as_bytes();
        let mut local = Vec::with_capacity(30 + name.len());
        local.extend(0x0403_4b50u32.to_le_bytes());
        for half in [VERSION, UTF8_NAMES, code, DOS_TIME, DOS_DATE] {
            local.extend(half.to_le_bytes());
        }
        for word in [crc, packed.len() as u32, data.len() as u32] {
            local.extend(word.to_le_bytes());
        }
        local.extend((name.len() as u16).to_le_bytes());
        local.extend(0u16.to_le_bytes());
        local.extend(name);
        self.bytes.extend(local);
        self.bytes.extend(&packed);

        self.central.extend(0x0201_4b50u32.to_le_bytes());
        for half in [VERSION, VERSION, UTF8_NAMES, code, DOS_TIME, DOS_DATE] {
            self.central.extend(half.to_le_bytes());
        }
        for word in [crc, packed.len() as u32, data.len() as u32] {
            self.central.extend(word.to_le_bytes());
        }
        // Name length, extra, comment, disk, internal and external attributes, offset.
        self.central.extend((name.len() as u16).to_le_bytes());
        for half in [0u16, 0, 0, 0] {
            self.central.extend(half.to_le_bytes());
        }
        self.central.extend(0u32.to_le_bytes());
        self.central.extend(offset.to_le_bytes());
        self.central.extend(name);
        self.entries += 1;
    }

    /// The archive's bytes, its central directory at the end.
    pub fn finish(mut self) -> Vec<u8> {
        let start = self.bytes.len() as u32;
        let size = self.central.len() as u32;
        self.bytes.extend(&self.central);
        self.bytes.extend(0x0605_4b50u32.to_le_bytes());
        for half in [0u16, 0, self.entries, self.entries] {
            self.bytes.extend(half.to_le_bytes());
        }
        self.bytes.extend(size.to_le_bytes());
        self.bytes.extend(start.to_le_bytes());
        self.bytes.extend(0u16.to_le_bytes());
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg_attr(windows, ignore = "needs Python (run on Linux); the .odt tests read the same writer")]
    fn python_s_zipfile_reads_back_every_entry_and_its_method() {
        let dir = tempfile::tempdir().unwrap();
        let mut zip = ZipWriter::new();
        zip.add("mimetype", b"application/vnd.oasis.opendocument.text", Method::Stored);
        let long = "Décisions prises à l'unanimité. ".repeat(200);
        zip.add("dossier/été.xml", long.as_bytes(), Method::Deflated);
        let file = dir.path().join("essai.zip");
        std::fs::write(&file, zip.finish()).unwrap();
        let script = "import sys, zipfile\n\
                      z = zipfile.ZipFile(sys.argv[1])\n\
                      assert z.testzip() is None\n\
                      for i in z.infolist(): print(i.filename, i.compress_type, len(z.read(i)))";
        let out = std::process::Command::new("python3").arg("-c").arg(script).arg(&file).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(text, format!("mimetype 0 39\ndossier/été.xml 8 {}\n", long.len()));
    }
}
