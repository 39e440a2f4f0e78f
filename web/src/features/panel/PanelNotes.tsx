import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { characterCount, PANEL_TEXT_MAX_LENGTH, panelNoteCreateSchema, type Campaign, type PanelNote } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { isApiError } from '../../api/client.ts';
import { useRelativeTime } from '../../i18n/relativeTime.ts';
import { CharacterCount } from '../../ui/CharacterCount.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { textLang } from '../../ui/entryText.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { useCreatePanelNote } from './api/createPanelNote.ts';
import type { NoteTarget } from './api/keys.ts';
import { usePanelNotes } from './api/listPanelNotes.ts';

type Props = { campaign: Campaign; target: NoteTarget; headingLevel: 3 | 4 };

/** The panel's private thread on an entry or a draft: notes and replies, never shown outside the panel. */
export function PanelNotes({ campaign, target, headingLevel }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  const query = usePanelNotes(target);
  const canWrite = stageAllows(campaign, 'keepPanelNotes');
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const replies = groupReplies(query.data?.items ?? []);
  return (
    <section className="panel-notes" aria-labelledby={headingId}>
      <Heading id={headingId} className="panel-notes__heading">
        {t('panel.notes.heading')}
        <span className="private-badge">
          <LockIcon />
          {t('panel.notes.private')}
        </span>
      </Heading>
      {query.isPending ? (
        <p className="panel-notes__status" role="status">
          <span className="spinner" aria-hidden="true" /> {t('panel.notes.loading')}
        </p>
      ) : query.isError ? (
        <p className="inline-error" role="alert">
          {t('panel.notes.failed')}{' '}
          <button type="button" className="link-button" onClick={() => void query.refetch()}>
            {t('error.retry')}
          </button>
        </p>
      ) : (replies.get(null) ?? []).length === 0 ? (
        <p className="panel-notes__empty">{t('panel.notes.empty')}</p>
      ) : (
        <NoteList notes={replies.get(null) ?? []} replies={replies} target={target} canWrite={canWrite} />
      )}
      {canWrite ? <NoteComposer target={target} /> : <p className="panel-notes__closed">{t('panel.notes.closed')}</p>}
    </section>
  );
}

/** Notes under their parent, each list oldest first as the server sends them. */
function groupReplies(notes: PanelNote[]): Map<string | null, PanelNote[]> {
  const ids = new Set(notes.map((note) => note.id));
  const byParent = new Map<string | null, PanelNote[]>();
  for (const note of notes) {
    const parent = note.parentId && ids.has(note.parentId) ? note.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), note]);
  }
  return byParent;
}

type ListProps = { notes: PanelNote[]; replies: Map<string | null, PanelNote[]>; target: NoteTarget; canWrite: boolean };

function NoteList({ notes, replies, target, canWrite }: ListProps) {
  return (
    <ol className="note-list">
      {notes.map((note) => (
        <NoteItem key={note.id} note={note} replies={replies} target={target} canWrite={canWrite} />
      ))}
    </ol>
  );
}

function NoteItem({ note, replies, target, canWrite }: Omit<ListProps, 'notes'> & { note: PanelNote }) {
  const { t } = useTranslation();
  const time = useRelativeTime();
  const [replying, setReplying] = useState(false);
  const children = replies.get(note.id) ?? [];
  return (
    <li className="note" data-depth={note.depth}>
      <article className="note__card" aria-label={t('panel.notes.noteLabel', { name: note.author.displayName })}>
        <p className="note__meta">
          <span className="note__author">{note.author.displayName}</span>
          <span className="role-badge" data-role={note.author.role}>
            {t(`roles.${note.author.role}`)}
          </span>
          <time dateTime={note.createdAt} className="note__time">
            {time(note.createdAt)}
          </time>
        </p>
        <p className="note__body" lang={textLang(note.body)}>
          {note.body}
        </p>
        {canWrite && !replying && (
          <button type="button" className="link-button note__reply" onClick={() => setReplying(true)}>
            {t('panel.notes.reply')}
          </button>
        )}
        {replying && <NoteComposer target={target} replyTo={note} onDone={() => setReplying(false)} />}
      </article>
      {children.length > 0 && <NoteList notes={children} replies={replies} target={target} canWrite={canWrite} />}
    </li>
  );
}

type ComposerProps = { target: NoteTarget; replyTo?: PanelNote; onDone?: () => void };

function NoteComposer({ target, replyTo, onDone }: ComposerProps) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const id = useId();
  const create = useCreatePanelNote(target);
  const [body, setBody] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const [posted, setPosted] = useState(false);
  const label = replyTo ? t('panel.notes.replyLabel', { name: replyTo.author.displayName }) : t('panel.notes.label');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    setPosted(false);
    const parsed = panelNoteCreateSchema.safeParse({ body, parentId: replyTo?.id });
    if (!parsed.success) {
      setInvalid(characterCount(body.trim()) === 0 ? t('panel.notes.required') : t('panel.notes.tooLong', { max: PANEL_TEXT_MAX_LENGTH }));
      return;
    }
    setInvalid(undefined);
    create.mutate(parsed.data, {
      onSuccess: () => {
        setBody('');
        setPosted(true);
        onDone?.();
      },
    });
  };
  const failure = create.error && (isApiError(create.error) && create.error.problem?.code === 'stage_closed' ? t('panel.notes.closed') : problemMessage(create.error));

  return (
    <form className={replyTo ? 'form note-composer note-composer--reply' : 'form note-composer'} onSubmit={submit} noValidate>
      <TextAreaField
        id={id}
        name="body"
        rows={replyTo ? 2 : 3}
        label={label}
        hint={replyTo ? undefined : t('panel.notes.hint')}
        error={invalid}
        value={body}
        onValueChange={(value) => {
          setBody(value);
          setPosted(false);
        }}
        autoFocus={Boolean(replyTo)}
        below={<CharacterCount text={body} max={PANEL_TEXT_MAX_LENGTH} />}
      />
      {failure && (
        <p className="inline-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--small" aria-disabled={create.isPending || undefined}>
          {create.isPending ? t('panel.notes.posting') : replyTo ? t('panel.notes.postReply') : t('panel.notes.post')}
        </button>
        {onDone && (
          <button type="button" className="button button--secondary button--small" onClick={onDone}>
            {t('panel.notes.cancel')}
          </button>
        )}
      </div>
      <p className="form__status" role="status">
        {posted ? t('panel.notes.posted') : ''}
      </p>
    </form>
  );
}

function LockIcon() {
  return (
    <svg className="private-badge__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="5" y="11" width="14" height="9" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </svg>
  );
}
