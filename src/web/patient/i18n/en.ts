/** "My medicines" in English: the shape kk and ru follow (src/web/patient/i18n/messages.ts). */
export const en = {
  area: 'My medicines',
  footer:
    'Your own records of free outpatient medicines. Every look at them is recorded. Sign out on a shared device.',
  nav: 'My medicines',
  signOut: 'Sign out',
  signIn: {
    title: 'Sign in to my medicines',
    intro:
      'Type your IIN. If you are on the register of free outpatient medicines, a one-time code is sent to you.',
    iin: 'IIN (12 digits)',
    submit: 'Send me a code',
    invalidIin: 'This is not a valid IIN: check the 12 digits.',
    limited: 'Too many codes were asked for. Wait 15 minutes and try again.',
    expired: 'Your session ended. Sign in again.',
    signedOut: 'You signed out.',
    stale: 'The form was out of date. Please try again.',
  },
  code: {
    title: 'Type the code',
    intro:
      'If the IIN is on the register, a 6-digit code was sent to the patient. It works for 10 minutes.',
    code: 'One-time code (6 digits)',
    submit: 'Sign in',
    wrong: 'The code is not right. Check it and try again.',
    expired: 'This code no longer works. Ask for a new one.',
    exhausted: 'Too many wrong tries: this code no longer works. Ask for a new one.',
    again: 'Ask for a new code',
  },
  home: {
    title: 'My medicines',
    intro: 'What the programme records about you, and what the regional list gives you today.',
    sections: {
      entitlements: 'What the list gives me',
      prescriptions: 'My active prescriptions',
      history: 'Medicines I received',
      registrations: 'My registrations and commission decisions',
    },
  },
  registrations: {
    title: 'My registrations and commission decisions',
    none: 'You are not on a dispensary register.',
    onRegister: (from: string, to: string | null) =>
      to ? `on the register from ${from} to ${to}` : `on the register since ${from}`,
    decisions: 'Commission decisions',
    noDecisions: 'No commission decisions.',
    protocol: (n: string, date: string) => `protocol ${n} of ${date}`,
    validity: (from: string, to: string | null) =>
      to ? `valid from ${from} to ${to}` : `valid from ${from}`,
    revoked: 'revoked',
  },
  prescriptions: {
    title: 'My active prescriptions',
    none: 'You have no active prescription.',
    number: 'Prescription',
    left: (quantity: number, unit: string) => `${quantity} ${unit} left to receive`,
    validity: (from: string, to: string) => `valid from ${from} to ${to}`,
    where: 'Where to collect it',
    noPharmacy: 'No pharmacy of the region is on record yet: ask your polyclinic.',
  },
  history: {
    title: 'Medicines I received',
    none: 'Nothing has been handed over to you yet.',
    received: (date: string, pharmacy: string, number: string) =>
      `on ${date} · ${pharmacy} · prescription ${number}`,
  },
  entitlements: {
    title: 'What the list gives me',
    intro:
      'The answer of the regional list today, from your records on the register. It says on which legal basis, and what is still missing.',
    noAttachment: 'You are not attached to a polyclinic: the answer cannot be given.',
    nothing: 'The list gives you nothing today on the records held.',
    unmet: 'Still needed',
    onlyKk: 'only in Kazakh',
    item: 'item',
    noticeAhead: (date: string) =>
      `The regional list changes on ${date}. This changes what you get:`,
    noticeSince: (date: string) =>
      `The regional list changed on ${date}. This changed what you get:`,
    acts: 'By',
    status: {
      entitled: 'free',
      conditional: 'free if conditions are met',
      not_entitled: 'not free',
      unknown: 'cannot be told',
      none: 'not on the list for you',
    },
    was: 'was',
    becomes: 'becomes',
  },
  problems: {
    notFoundTitle: 'Page not found',
    notFound: 'There is no such page in my medicines.',
    refusedTitle: 'Not available',
    refused: 'This cannot be shown to you.',
    csrfTitle: 'The form is out of date',
    csrf: 'Please reload the page and try again.',
    back: 'Back to my medicines',
  },
};
