import { useQuery } from '@tanstack/react-query';
import { verifyBuild, type VerifyCheck } from '../api/verifyBuild.ts';

/** The three algorithms of a bundle, as the badges name them, and the server's check names. */
const BADGES = [
  { label: 'ML-DSA-87', check: 'ML-DSA-87' },
  { label: 'Ed448', check: 'Ed448' },
  { label: 'SLH-DSA', check: 'SLH-DSA-SHA2-256f' },
] as const;

type BadgeState = 'checking' | 'verified' | 'failed';

const BADGE_STYLE: Record<BadgeState, string> = {
  checking: 'border-slate-400 bg-slate-50 text-slate-900',
  verified: 'border-green-800 bg-green-50 text-green-900',
  failed: 'border-red-800 bg-red-50 text-red-900',
};
const BADGE_ICON: Record<BadgeState, string> = { checking: '…', verified: '✓', failed: '✕' };

function Badge({ label, state, message }: { label: string; state: BadgeState; message: string }) {
  return (
    <li
      data-testid="signature-badge"
      data-algorithm={label}
      data-state={state}
      title={message}
      className={`flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-semibold ${BADGE_STYLE[state]}`}
    >
      <span aria-hidden="true">{BADGE_ICON[state]}</span>
      {label} {state}
    </li>
  );
}

/** After a signed build: the server verifies the bundle against the image digest, one badge per algorithm. */
export function SignatureBadges({ buildId, imageDigest }: { buildId: string; imageDigest: string }) {
  const verify = useQuery({
    queryKey: ['verify', buildId, imageDigest],
    queryFn: () => verifyBuild(buildId, imageDigest),
    staleTime: Infinity,
  });
  const checks: VerifyCheck[] = verify.data?.checks ?? [];
  const digest = checks.find((c) => c.name === 'digest');
  return (
    <div className="flex flex-col gap-1">
      <ul aria-label="Signatures" className="flex flex-wrap gap-2">
        {BADGES.map(({ label, check }) => {
          const found = checks.find((c) => c.name === check);
          const state: BadgeState = verify.isPending ? 'checking' : found?.ok ? 'verified' : 'failed';
          const message = found?.message ?? (verify.isError ? verify.error.message : verify.isPending ? 'verifying…' : 'no check');
          return <Badge key={label} label={label} state={state} message={message} />;
        })}
      </ul>
      {verify.isError ? <p className="text-xs text-red-900">Verification could not run: {verify.error.message}</p> : null}
      {digest ? (
        <p className={`text-xs ${digest.ok ? 'text-green-900' : 'text-red-900'}`} data-testid="signature-digest">
          <span aria-hidden="true">{digest.ok ? '✓ ' : '✕ '}</span>
          {digest.message}
        </p>
      ) : null}
      {verify.data && !verify.data.ok && verify.data.reason ? <p className="text-xs text-red-900">{verify.data.reason}</p> : null}
    </div>
  );
}
