import type { ConsentTranslation } from './translation.js';

export const fr: ConsentTranslation = {
  bannerTitle: 'Vos choix sur les cookies',
  bannerText:
    'Avec votre accord, nous utilisons des cookies et traceurs pour ces finalités\u00a0: {purposes}. Vous pouvez tout refuser, choisir finalité par finalité et changer d’avis à tout moment.',
  purposeLabel: '«\u00a0{label}\u00a0»',
  policyLink: 'Politique de confidentialité',
  acceptAll: 'Tout accepter',
  rejectAll: 'Tout refuser',
  customize: 'Personnaliser',
  gpcNotice:
    'Votre navigateur envoie le signal Global Privacy Control : nous le respectons, les finalités concernées restent refusées sauf si vous les activez vous-même.',
  gpcPurpose: 'Refusé par défaut : votre navigateur envoie le signal Global Privacy Control.',
  preferencesTitle: 'Préférences de confidentialité',
  preferencesText: 'Activez ou désactivez chaque finalité. Rien n’est activé sans votre accord, et vous pouvez revenir sur vos choix à tout moment.',
  preferencesChanged: 'Vos choix ont été modifiés dans un autre onglet ou une autre fenêtre\u00a0: les interrupteurs montrent désormais ceux en vigueur.',
  necessaryLabel: 'Strictement nécessaires',
  necessaryDescription: 'Indispensables au fonctionnement du site et à la mémorisation de vos choix. Toujours actifs.',
  exemptNotice: 'Sans votre accord, nous mesurons notre audience de façon anonyme ({purposes})\u00a0; vous pouvez vous y opposer dans les préférences.',
  exemptPurpose:
    'Sans consentement nécessaire\u00a0: statistiques de fréquentation anonymes, pour ce site seul, sans suivi d’un site à l’autre (exemption prévue par la CNIL).',
  exemptObjectable: 'Active sauf opposition de votre part\u00a0: désactivez-la pour vous y opposer.',
  cookies: 'Cookies : {cookies}',
  save: 'Enregistrer mes choix',
  close: 'Fermer',
  saved: 'Vos choix ont été enregistrés.',
  manage: 'Gérer les cookies',
};
