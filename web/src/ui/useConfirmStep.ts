import { useEffect, useId, useRef, useState } from 'react';

/**
 * A destructive action in two steps: the start button opens a confirmation whose heading takes the
 * focus; cancelling closes it, calls `onCancel` and gives the focus back to the start button.
 */
export function useConfirmStep(onCancel: () => void) {
  const [confirming, setConfirming] = useState(false);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const headingId = useId();

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
    else if (returnFocus.current) startButton.current?.focus();
  }, [confirming]);

  const cancel = () => {
    returnFocus.current = true;
    onCancel();
    setConfirming(false);
  };

  return { confirming, start: () => setConfirming(true), cancel, confirmHeading, startButton, headingId };
}
