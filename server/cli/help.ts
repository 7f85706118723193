/** Help texts of every command (kept apart so `--help` loads no command code). */

export const CHECK_HELP = `Usage: lago-grey check <design.json> [options]

Prints the size budget and the analyzer findings of a design, then applies
dive's CI gates to it (before anything is built). Exits 1 when a gate fails.

Options:
  --max-bytes <size>                     fail when the image is bigger (default: the design's target)
  --lowest-efficiency <ratio>            fail when layer efficiency is lower (default 0.9)
  --highest-wasted-bytes <size>          fail when more bytes are wasted (default: disabled)
  --highest-user-wasted-percent <ratio>  fail when wasted/upper-layer bytes is higher (default 0.1)
  --ci-config <file>                     gates file (default: ./.lago-grey-ci, else one beside the design)
  --json                                 machine-readable output on stdout
  -h, --help                             this help

Sizes: 17500000, 17.5MB, 20MiB. Ratios: 0.9 or 90%. Any gate: "disabled".
Flags override the file; the file overrides the defaults. A gate passes at its threshold.

.lago-grey-ci (dive's .dive-ci shape):
  rules:
    max-bytes: 17.5MB
    lowest-efficiency: 0.95
    highest-wasted-bytes: disabled
    highest-user-wasted-percent: 0.1

Examples:
  lago-grey check design.json
  lago-grey check design.json --max-bytes 10MB --lowest-efficiency 0.95
  lago-grey check design.json --json | jq .gates`;

export const BUILD_HELP = `Usage: lago-grey build <design.json> -o <image.tar> [options]

Builds the design into an OCI archive with the same component resolvers,
stager and engines as the server (no server needed), and writes the SBOMs
and the signature bundle next to the image:
  image.tar  image.spdx.json  image.cdx.json  image.signature.json

Options:
  -o, --output <image.tar>     where to write the oci-archive (required)
  --engine builtin|podman      image engine (default: builtin, daemonless and bit-reproducible)
  --sbom <formats>             comma list of spdx, cyclonedx (default: none)
  --sign                       sign with ML-DSA-87 + Ed448 + SLH-DSA-SHA2-256f
                               (keys: LAGO_SIGNING_KEYS, else <data dir>/keys, created on first use)
  --data-dir <dir>             caches and keys (default: $LAGO_DATA_DIR or ./.lago-grey, shared with the server)
  --source-date-epoch <secs>   timestamp of every file and the SBOMs (default: $SOURCE_DATE_EPOCH or 0)
  -h, --help                   this help

Examples:
  lago-grey build design.json -o image.tar
  lago-grey build design.json -o out/image.tar --sbom spdx,cyclonedx --sign
  podman load -i image.tar`;

export const CONTAINERFILE_HELP = `Usage: lago-grey containerfile <design.json>

Prints the Containerfile for a design (the same text the server stages next
to layers/NN-name/ in a build context).

Options:
  -h, --help  this help

Examples:
  lago-grey containerfile design.json > Containerfile`;

export const VERIFY_HELP = `Usage: lago-grey verify <image.tar> <bundle.json> --keys <keys.json> [--json]

Verifies an oci-archive against a Lago Grey signature bundle. Exits 0 only when
the archive is intact (every blob matches its digest), the ML-DSA-87, Ed448 and
SLH-DSA-SHA2-256f signatures all verify with the given keys, and the signed
payload names this image's manifest digest. Anything else fails (closed),
naming the check.

Options:
  --keys <keys.json>  trusted public keys: exactly what GET /api/keys returns (required)
  --json              print every check as JSON on stdout
  -h, --help          this help

Examples:
  curl -s http://127.0.0.1:8787/api/keys > keys.json
  lago-grey verify image.tar image.signature.json --keys keys.json`;

export const KEYS_HELP = `Usage: lago-grey keys [--data-dir <dir>]

Prints the public signing keys (the same JSON as GET /api/keys) of
LAGO_SIGNING_KEYS, else of <data dir>/keys (created on first use), so that
"lago-grey build --sign" and "lago-grey verify" work without a server.

Options:
  --data-dir <dir>  default: $LAGO_DATA_DIR or ./.lago-grey
  -h, --help        this help

Examples:
  lago-grey keys > keys.json
  lago-grey verify image.tar image.signature.json --keys keys.json`;
