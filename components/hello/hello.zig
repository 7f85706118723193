//! `hello`: the Lago Grey demo binary. Prints the banner and exits 0.
//! The first line is a contract: smoke tests look for it verbatim.
//! The other lines only claim what the built image backs (see PRODUCT.md §1).
const std = @import("std");

pub const version = "0.1.0";

const banner =
    \\🌊 Hello from Lago Grey!
    \\Minimal Linux distribution:
    \\  • 17.5 MB target (Small Iceberg 🏔️)
    \\  • Static binaries, no shell by default
    \\  • Post-quantum signatures: ML-DSA-87 + Ed448 + SLH-DSA
    \\  • Community governed (PMPL-1.0-or-later)
    \\
;

pub fn main() void {
    // A failed write (e.g. closed stdout) is not worth a non-zero exit for a banner.
    std.io.getStdOut().writer().writeAll(banner) catch {};
}
