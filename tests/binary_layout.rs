//! How the sift binary is linked: where the C library can load packed
//! relative relocations, build.rs asks for them (a 0.9 MB table the
//! loader read at every start, BENCHMARKS.md "Start-up").

/// `SHT_RELR`: a section of packed relative relocations.
const SHT_RELR: u32 = 19;

/// The section types of a little-endian ELF64 file; None if it is not one.
fn section_types(elf: &[u8]) -> Option<Vec<u32>> {
    if elf.get(..6)? != b"\x7fELF\x02\x01" {
        return None;
    }
    let u16_at = |at: usize| Some(u16::from_le_bytes(elf.get(at..at + 2)?.try_into().ok()?));
    let u32_at = |at: usize| Some(u32::from_le_bytes(elf.get(at..at + 4)?.try_into().ok()?));
    let u64_at = |at: usize| Some(u64::from_le_bytes(elf.get(at..at + 8)?.try_into().ok()?));
    let table = usize::try_from(u64_at(0x28)?).ok()?;
    let entry = usize::from(u16_at(0x3A)?);
    let count = usize::from(u16_at(0x3C)?);
    (0..count).map(|i| u32_at(table + i * entry + 4)).collect()
}

/// glibc's version on this machine, as build.rs reads it.
fn glibc_version() -> Option<(u32, u32)> {
    let out = std::process::Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.trim().strip_prefix("glibc ")?.split('.');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

#[test]
fn the_binary_packs_its_relative_relocations_where_glibc_can_load_them() {
    if !cfg!(all(target_os = "linux", target_env = "gnu")) {
        eprintln!("skipped: packed relocations are asked for on Linux with glibc only");
        return;
    }
    let Some(version) = glibc_version().filter(|&v| v >= (2, 36)) else {
        eprintln!("skipped: this glibc is older than 2.36 or unknown, so build.rs does not pack");
        return;
    };
    let elf = std::fs::read(env!("CARGO_BIN_EXE_sift")).expect("the built binary");
    let types = section_types(&elf).expect("sift is an ELF64 file");
    assert!(
        types.contains(&SHT_RELR),
        "glibc {version:?} loads packed relocations, but the binary has no RELR section"
    );
}

#[test]
fn section_types_reads_an_elf_header_and_refuses_other_files() {
    assert_eq!(section_types(b"#!/bin/sh\n"), None);
    // A header with two sections at offset 64, the second of type RELR.
    let mut elf = vec![0u8; 64 + 2 * 64];
    elf[..6].copy_from_slice(b"\x7fELF\x02\x01");
    elf[0x28..0x30].copy_from_slice(&64u64.to_le_bytes());
    elf[0x3A..0x3C].copy_from_slice(&64u16.to_le_bytes());
    elf[0x3C..0x3E].copy_from_slice(&2u16.to_le_bytes());
    elf[64 + 64 + 4..64 + 64 + 8].copy_from_slice(&SHT_RELR.to_le_bytes());
    assert_eq!(section_types(&elf), Some(vec![0, SHT_RELR]));
    // Cut inside the table: not read past the end.
    assert_eq!(section_types(&elf[..100]), None);
}
