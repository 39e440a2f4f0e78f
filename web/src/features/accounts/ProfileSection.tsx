import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { profileUpdateSchema, type OwnUser } from '@city-spirit/shared';
import { useUpdateProfile } from '../../api/session.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { useFormProblems } from '../../ui/formProblems.ts';
import { AccountSection } from './AccountSection.tsx';
import { DistrictField } from '../../ui/DistrictField.tsx';
import { DISPLAY_NAME_LENGTH, fieldMessage, problemCode, problemsFromIssues, problemsFromServer } from './fieldMessages.ts';

type ProfileField = 'displayName' | 'districtCode';

const FIELD_IDS: Record<ProfileField, string> = { displayName: 'profile-display-name', districtCode: 'profile-district' };

const fieldOf = (key: string): ProfileField | undefined => (key === 'displayName' || key === 'districtCode' ? key : undefined);

export function ProfileSection({ user }: { user: OwnUser }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const { problems, shownCount, show, clear } = useFormProblems<ProfileField>();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [districtCode, setDistrictCode] = useState(user.districtCode ?? '');
  const [saved, setSaved] = useState(false);
  const edit = (setter: (value: string) => void) => (value: string) => {
    setter(value);
    setSaved(false);
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    const parsed = profileUpdateSchema.safeParse({ displayName, districtCode: districtCode || null });
    if (!parsed.success) {
      const { issues } = parsed.error;
      show(({ t }) => problemsFromIssues(t, issues, fieldOf, { displayName, districtCode }, t('problems.generic')));
      return;
    }
    clear();
    update.mutate(parsed.data, {
      onSuccess: () => setSaved(true),
      onError: (error) =>
        show(({ t, problemMessage }) =>
          problemCode(error) === 'validation_failed'
            ? { fields: problemsFromServer(error, fieldOf, (field) => fieldMessage(t, field, 'invalid')) }
            : { fields: {}, form: problemMessage(error) },
        ),
    });
  }

  return (
    <AccountSection heading={t('account.profile.heading')} intro={t('account.profile.intro')}>
      <ErrorSummary
        heading={t('account.profile.failedHeading')}
        problems={problems}
        fieldIds={FIELD_IDS}
        fieldLabels={{ displayName: t('fields.displayName.label'), districtCode: t('fields.district.label') }}
        shownCount={shownCount}
        headingLevel={3}
      />
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          id={FIELD_IDS.displayName}
          name="displayName"
          autoComplete="nickname"
          label={t('fields.displayName.label')}
          hint={t('fields.displayName.hint', DISPLAY_NAME_LENGTH)}
          error={problems.fields.displayName}
          value={displayName}
          onValueChange={edit(setDisplayName)}
        />
        <DistrictField id={FIELD_IDS.districtCode} value={districtCode} onValueChange={edit(setDistrictCode)} error={problems.fields.districtCode} />
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={update.isPending || undefined}>
            {update.isPending ? t('account.profile.saving') : t('account.profile.save')}
          </button>
          <p className="form__status" role="status">
            {saved ? t('account.profile.saved') : ''}
          </p>
        </div>
      </form>
    </AccountSection>
  );
}
