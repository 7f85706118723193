//! `obli-pkg`: the package tool inside a Lago Grey image.
//!
//!   obli-pkg version   print the tool's version
//!   obli-pkg list      list the image's components (id, version, source)
//!   obli-pkg verify    re-hash every file the manifest lists (SHA-256);
//!                      exit 1 on any mismatch or missing file
//!   obli-pkg help      usage
//!
//! Unknown commands print usage and exit 2.
//!
//! The manifest is written by the image build at
//! `/usr/share/lago-grey/manifest.json`:
//!   {"schemaVersion":1,"image":"name:tag",
//!    "components":[{"id","version","source","layer"}],
//!    "files":[{"path","sha256","size","component"}]}
//! `files` lists every regular file of the image except the manifest itself.
//!
//! `OBLI_PKG_ROOT` (default `/`) prefixes every path read, so the tool can
//! check an unpacked image tree from the host (used by tests).
const std = @import("std");

pub const version = "0.1.0";
const manifest_path = "/usr/share/lago-grey/manifest.json";
const max_manifest_bytes = 64 * 1024 * 1024;

const Component = struct {
    id: []const u8,
    version: []const u8,
    source: []const u8,
    layer: []const u8 = "",
};

const FileEntry = struct {
    path: []const u8,
    sha256: []const u8,
    size: u64,
    component: []const u8 = "",
};

const Manifest = struct {
    schemaVersion: u32 = 1,
    image: []const u8 = "",
    components: []const Component,
    files: []const FileEntry,
};

const usage =
    \\Usage: obli-pkg <command>
    \\
    \\Commands:
    \\  version   print the obli-pkg version
    \\  list      list the components of this image, with versions and sources
    \\  verify    re-hash every file listed in the manifest (SHA-256);
    \\            exits 1 if any file is changed or missing
    \\  help      show this help
    \\
    \\Manifest: /usr/share/lago-grey/manifest.json
    \\Environment: OBLI_PKG_ROOT=<dir> checks the image tree under <dir> (default /)
    \\
;

const Out = std.io.BufferedWriter(4096, std.fs.File.Writer);

pub fn main() u8 {
    var arena_state = std.heap.ArenaAllocator.init(std.heap.page_allocator);
    defer arena_state.deinit();
    const arena = arena_state.allocator();

    var out = std.io.bufferedWriter(std.io.getStdOut().writer());
    var err = std.io.bufferedWriter(std.io.getStdErr().writer());
    const code = run(arena, &out, &err);
    out.flush() catch {};
    err.flush() catch {};
    return code;
}

fn run(arena: std.mem.Allocator, out: *Out, err: *Out) u8 {
    const args = std.process.argsAlloc(arena) catch return fail(err, "out of memory", .{});
    if (args.len < 2) {
        out.writer().writeAll(usage) catch {};
        return 0;
    }
    const cmd = args[1];
    if (eql(cmd, "version") or eql(cmd, "--version")) {
        out.writer().print("obli-pkg {s}\n", .{version}) catch {};
        return 0;
    }
    if (eql(cmd, "help") or eql(cmd, "--help") or eql(cmd, "-h")) {
        out.writer().writeAll(usage) catch {};
        return 0;
    }
    if (eql(cmd, "list")) return list(arena, out, err);
    if (eql(cmd, "verify")) return verify(arena, out, err);
    err.writer().print("obli-pkg: unknown command \"{s}\"\n\n", .{cmd}) catch {};
    err.writer().writeAll(usage) catch {};
    return 2;
}

fn eql(a: []const u8, b: []const u8) bool {
    return std.mem.eql(u8, a, b);
}

fn fail(err: *Out, comptime fmt: []const u8, args: anytype) u8 {
    err.writer().print("obli-pkg: " ++ fmt ++ "\n", args) catch {};
    return 1;
}

fn root() []const u8 {
    const r = std.os.getenv("OBLI_PKG_ROOT") orelse return "";
    // A trailing slash would double the one every image path starts with.
    return std.mem.trimRight(u8, r, "/");
}

fn hostPath(arena: std.mem.Allocator, image_path: []const u8) ![]const u8 {
    return std.mem.concat(arena, u8, &.{ root(), image_path });
}

fn loadManifest(arena: std.mem.Allocator, err: *Out) ?Manifest {
    const path = hostPath(arena, manifest_path) catch return null;
    const file = std.fs.cwd().openFile(path, .{}) catch |e| {
        _ = fail(err, "cannot open manifest {s}: {s}", .{ path, @errorName(e) });
        return null;
    };
    defer file.close();
    const text = file.readToEndAlloc(arena, max_manifest_bytes) catch |e| {
        _ = fail(err, "cannot read manifest {s}: {s}", .{ path, @errorName(e) });
        return null;
    };
    const parsed = std.json.parseFromSlice(Manifest, arena, text, .{ .ignore_unknown_fields = true }) catch |e| {
        _ = fail(err, "invalid manifest {s}: {s}", .{ path, @errorName(e) });
        return null;
    };
    // The arena owns everything; the Parsed wrapper is never deinit'ed on its own.
    return parsed.value;
}

fn list(arena: std.mem.Allocator, out: *Out, err: *Out) u8 {
    const m = loadManifest(arena, err) orelse return 1;
    const w = out.writer();
    if (m.image.len > 0) w.print("Image: {s}\n", .{m.image}) catch {};
    w.print("{s: <18} {s: <28} {s}\n", .{ "COMPONENT", "VERSION", "SOURCE" }) catch {};
    for (m.components) |c| {
        w.print("{s: <18} {s: <28} {s}\n", .{ c.id, c.version, c.source }) catch {};
    }
    var total: u64 = 0;
    for (m.files) |f| total += f.size;
    w.print("{d} components, {d} files, {d} bytes\n", .{ m.components.len, m.files.len, total }) catch {};
    return 0;
}

const Check = enum { ok, missing, unreadable };

fn verify(arena: std.mem.Allocator, out: *Out, err: *Out) u8 {
    const m = loadManifest(arena, err) orelse return 1;
    const w = out.writer();
    var bad: usize = 0;
    var bytes: u64 = 0;
    for (m.files) |f| {
        var actual: [64]u8 = undefined;
        var size: u64 = 0;
        const result = hashFile(arena, f.path, &actual, &size);
        switch (result) {
            .ok => {
                if (size == f.size and std.ascii.eqlIgnoreCase(&actual, f.sha256)) {
                    bytes += size;
                    continue;
                }
                w.print("MISMATCH {s}: expected sha256 {s} ({d} bytes), found {s} ({d} bytes)\n", .{ f.path, f.sha256, f.size, &actual, size }) catch {};
            },
            .missing => w.print("MISSING  {s}\n", .{f.path}) catch {},
            .unreadable => w.print("UNREADABLE {s}\n", .{f.path}) catch {},
        }
        bad += 1;
    }
    if (bad == 0) {
        w.print("OK: {d} files verified ({d} bytes), 0 mismatches\n", .{ m.files.len, bytes }) catch {};
        return 0;
    }
    w.print("FAILED: {d} of {d} files do not match the manifest\n", .{ bad, m.files.len }) catch {};
    return 1;
}

fn hashFile(arena: std.mem.Allocator, image_path: []const u8, hex: *[64]u8, size: *u64) Check {
    const path = hostPath(arena, image_path) catch return .unreadable;
    const file = std.fs.cwd().openFile(path, .{}) catch |e| return switch (e) {
        error.FileNotFound, error.NotDir => .missing,
        else => .unreadable,
    };
    defer file.close();
    var hasher = std.crypto.hash.sha2.Sha256.init(.{});
    var buf: [64 * 1024]u8 = undefined;
    var total: u64 = 0;
    while (true) {
        const n = file.read(&buf) catch return .unreadable;
        if (n == 0) break;
        hasher.update(buf[0..n]);
        total += n;
    }
    var digest: [32]u8 = undefined;
    hasher.final(&digest);
    const chars = "0123456789abcdef";
    for (digest, 0..) |b, i| {
        hex[i * 2] = chars[b >> 4];
        hex[i * 2 + 1] = chars[b & 15];
    }
    size.* = total;
    return .ok;
}
