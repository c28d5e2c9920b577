import type { ComponentPropsWithRef, MouseEvent } from 'react';

interface ButtonProps extends ComponentPropsWithRef<'button'> {
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  /**
   * Work is under way: the button says so and ignores clicks, but stays focusable (aria-disabled,
   * not disabled), so keyboard focus is not dropped when "Sync now" becomes "Syncing…".
   */
  busy?: boolean;
}

export function Button({ variant = 'secondary', busy = false, className, onClick, type = 'button', ...rest }: ButtonProps) {
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (busy) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <button
      {...rest}
      type={type}
      className={['button', `button-${variant}`, className].filter(Boolean).join(' ')}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      onClick={handleClick}
    />
  );
}
