// Task: log in. Username and password, then the one-time code when the account needs one.
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from './api.ts';
import { useSession } from './session.tsx';
import { ErrorSummary, Field } from '../shared/ui.tsx';

export function LoginPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const next = params.get('next')?.startsWith('/') ? params.get('next')! : '/people';

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await session.login(String(f.get('username')).trim(), String(f.get('password')), needTotp ? String(f.get('totp')).trim() : undefined);
      navigate(next, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'AUTH_TOTP_REQUIRED') setNeedTotp(true);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (session.user) {
    return (
      <div className="narrow">
        <h1>You are logged in</h1>
        <p>as {session.user.displayName} ({session.user.role}).</p>
        <button className="button secondary" onClick={() => session.logout()}>Log out</button>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>Log in to Sandstone</h1>
      <ErrorSummary error={error} fieldIds={{ username: 'login-username', password: 'login-password', totp: 'login-totp' }} />
      <form onSubmit={submit} noValidate>
        <Field id="login-username" label="Username">
          <input id="login-username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required autoFocus />
        </Field>
        <Field id="login-password" label="Password">
          <input id="login-password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        {needTotp && (
          <Field id="login-totp" label="One-time code" hint="The 6 digits your authenticator app shows now.">
            <input id="login-totp" name="totp" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required autoFocus />
          </Field>
        )}
        <button className="button" type="submit" disabled={busy}>{busy ? 'Checking…' : needTotp ? 'Confirm code' : 'Log in'}</button>
      </form>
      <p className="muted">Accounts are given by the administration office. Sessions end after a period without use.</p>
    </div>
  );
}
