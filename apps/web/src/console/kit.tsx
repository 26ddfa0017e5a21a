import {
  useEffect,
  useId,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
  type SyntheticEvent,
} from 'react';
import type { ContestStatus } from '#contracts';
import { i18next, useT } from '../i18n/index.js';
import { messageOf } from './console-api.js';
import type { Resource } from './use-resource.js';

/** The building blocks of the console's pages: headers, badges, fields, dialogs, states. */

export function PageHeader({
  title,
  lead,
  actions,
  back,
}: {
  title: ReactNode;
  lead?: ReactNode;
  actions?: ReactNode;
  back?: ReactNode;
}) {
  return (
    <header className="c-page-header">
      <div className="c-page-header__text">
        {back}
        <h1 id="page-title">{title}</h1>
        {lead !== undefined && <p className="c-page-header__lead">{lead}</p>}
      </div>
      {actions !== undefined && <div className="c-page-header__actions">{actions}</div>}
    </header>
  );
}

export function StatusBadge({ status, paused = false }: { status: ContestStatus; paused?: boolean }) {
  const { t } = useT();
  return (
    <span className={`c-badge c-badge--${paused ? 'paused' : status}`} data-status={status}>
      {status === 'live' && !paused && <span className="c-badge__pulse" aria-hidden="true" />}
      {paused ? t('console.status.paused') : t(`console.status.${status}`)}
    </span>
  );
}

/** A labelled field with its hint and its error (announced, and tied to the control by id). */
export function Field({
  label,
  hint,
  error,
  locked,
  children,
  className,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Why the field cannot change (shown with a lock). */
  locked?: string | undefined;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactElement;
  className?: string;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const lockId = `${id}-lock`;
  const describedBy =
    [
      hint !== undefined ? hintId : null,
      locked !== undefined ? lockId : null,
      error !== undefined ? errorId : null,
    ]
      .filter((x) => x !== null)
      .join(' ') || undefined;
  return (
    <div className={`c-field${error !== undefined ? ' c-field--invalid' : ''} ${className ?? ''}`}>
      <label className="c-field__label" htmlFor={id}>
        {label}
        {locked !== undefined && <LockIcon />}
      </label>
      {children({ id, describedBy, invalid: error !== undefined })}
      {hint !== undefined && (
        <p id={hintId} className="c-field__hint">
          {hint}
        </p>
      )}
      {locked !== undefined && (
        <p id={lockId} className="c-field__locked">
          {locked}
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} className="c-field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function LockIcon() {
  return (
    <svg className="c-icon c-icon--lock" viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
      <path
        fill="currentColor"
        d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 8V7a3 3 0 1 1 6 0v3H9Z"
      />
    </svg>
  );
}

/**
 * A modal dialog (the browser's own `<dialog>`: focus stays inside, Escape closes it, focus returns to
 * where it was). `open` drives it.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
  wide = false,
}: {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`c-dialog${wide ? ' c-dialog--wide' : ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event: SyntheticEvent) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="c-dialog__title">
            {title}
          </h2>
          <div className="c-dialog__body">{children}</div>
          {footer !== undefined && <div className="c-dialog__footer">{footer}</div>}
        </>
      )}
    </dialog>
  );
}

/** "Are you sure?" with the consequence spelled out, and a button that says what it does. */
export function ConfirmDialog({
  open,
  title,
  body,
  confirm,
  danger = false,
  busy = false,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: ReactNode;
  body: ReactNode;
  confirm: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useT();
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="c-button" onClick={onClose}>
            {t('console.common.cancel')}
          </button>
          <button
            type="button"
            className={`c-button ${danger ? 'c-button--danger' : 'c-button--primary'}`}
            disabled={busy}
            onClick={onConfirm}
          >
            {confirm}
          </button>
        </>
      }
    >
      {body}
      {error !== undefined && error !== null && (
        <p className="c-notice c-notice--error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}

/** What a page shows while its data is not there: loading, unavailable, forbidden, failed. */
export function ResourceState<T>({
  state,
  onRetry,
  children,
  feature,
}: {
  state: Resource<T>;
  onRetry: () => void;
  children: (data: T) => ReactNode;
  /** The feature's name, for the "not available on this server" message. */
  feature?: string;
}) {
  const { t } = useT();
  switch (state.kind) {
    case 'loading':
      return (
        <div className="c-state" role="status">
          <span className="c-spinner" aria-hidden="true" />
          {t('common.loading')}
        </div>
      );
    case 'unavailable':
      return <Unavailable feature={feature ?? ''} />;
    case 'forbidden':
      return (
        <div className="c-state c-state--box">
          <h2>{t('console.common.forbiddenTitle')}</h2>
          <p>{t('console.common.forbidden')}</p>
        </div>
      );
    case 'error':
      return (
        <div className="c-state c-state--box" role="alert">
          <h2>{t('console.common.errorTitle')}</h2>
          <p>{messageOf(state.error, t('console.common.error'))}</p>
          <button type="button" className="c-button" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </div>
      );
    case 'ready':
      return <>{children(state.data)}</>;
  }
}

export function Unavailable({ feature }: { feature: string }) {
  const { t } = useT();
  return (
    <div className="c-state c-state--box c-state--unavailable" data-testid="unavailable">
      <h2>{t('console.common.unavailableTitle', { feature })}</h2>
      <p>{t('console.common.unavailable')}</p>
    </div>
  );
}

export function EmptyState({ title, body, action }: { title: string; body: ReactNode; action?: ReactNode }) {
  return (
    <div className="c-empty">
      <svg viewBox="0 0 64 64" width="56" height="56" aria-hidden="true" className="c-empty__art">
        <rect x="6" y="30" width="16" height="26" rx="3" fill="currentColor" opacity="0.35" />
        <rect x="24" y="14" width="16" height="42" rx="3" fill="currentColor" opacity="0.7" />
        <rect x="42" y="38" width="16" height="18" rx="3" fill="currentColor" opacity="0.2" />
      </svg>
      <h2>{title}</h2>
      <p>{body}</p>
      {action}
    </div>
  );
}

/** A short confirmation after an action ("Saved"), announced politely, gone after a few seconds. */
export function useToast(): { toast: (message: string) => void; node: ReactNode } {
  const [message, setMessage] = useState<{ text: string; at: number } | null>(null);
  useEffect(() => {
    if (message === null) return;
    const timer = setTimeout(() => setMessage(null), 4000);
    return () => clearTimeout(timer);
  }, [message]);
  return {
    toast: (text: string) => setMessage({ text, at: Date.now() }),
    node: (
      <div className="c-toast-region" role="status" aria-live="polite">
        {message !== null && (
          <div className="c-toast" key={message.at}>
            {message.text}
          </div>
        )}
      </div>
    ),
  };
}

/** A relative time ("3 minutes ago") with the exact time on hover. */
export function When({ iso, lang, never }: { iso: string | null; lang: string; never?: string }) {
  const { t } = useT();
  if (iso === null) return <span className="c-muted">{never ?? t('console.common.never')}</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString(lang)}>
      {relativeTime(lang, Date.parse(iso), Date.now())}
    </time>
  );
}

export function relativeTime(lang: string, at: number, now: number): string {
  const seconds = Math.round((at - now) / 1000);
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 45) return format.format(seconds, 'second');
  if (abs < 45 * 60) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return format.format(Math.round(seconds / 3600), 'hour');
  if (abs < 26 * 86400) return format.format(Math.round(seconds / 86400), 'day');
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(at));
}

/** Copies a text to the clipboard; says whether it worked (a page without clipboard access: no). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The document's title: "<page> · Podium". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${i18next.t('common.appName')}`;
  }, [title]);
}
