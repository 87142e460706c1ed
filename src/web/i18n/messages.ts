/**
 * The interface strings of the web pages, one dictionary per language. The
 * English dictionary defines the shape; kk and ru are typed `Messages`, so a
 * key missing (or misspelt) in either is a type error.
 */
import type { Lang } from '../../domain/text.ts';
import { en } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';

export type Messages = typeof en;

const DICTIONARIES: Record<Lang, Messages> = { kk, ru, en };

export function messagesFor(lang: Lang): Messages {
  return DICTIONARIES[lang];
}
