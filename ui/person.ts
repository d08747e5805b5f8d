/** The officer's name, remembered in this browser for the records that keep it (commits, status steps). */
const NAME_KEY = 'pia-author';

export const rememberedName = (): string => localStorage.getItem(NAME_KEY) ?? '';
export const rememberName = (name: string): void => localStorage.setItem(NAME_KEY, name);
