/**
 * The demo's translations of release 1.1.0, one entry per clause: title, requirement,
 * assessment criteria and examples, in the Markdown subset of the clause editor. The
 * requirement keeps the RFC 2119 keywords in their usual French form (DOIT, NE DOIT PAS,
 * DEVRAIT, NE DEVRAIT PAS, PEUT).
 */
export type DemoTranslation = {
  title: string;
  body: string;
  assessment: string;
  examples: string;
};

const entry = (
  title: string,
  body: string,
  assessment: string,
  examples: string,
): DemoTranslation => ({ title, body, assessment, examples });

export const frenchClauses: Record<string, DemoTranslation> = {
  "ORG-1": entry(
    "Entité responsable du produit nommée",
    "Le vendeur DOIT indiquer, sur la page du produit et dans la documentation imprimée, l’entité juridique qui répond du produit, avec son adresse officielle.",
    "Des liens vers la page du produit ou la section du manuel qui nomme l’entité responsable, et vers son inscription dans un registre public des sociétés.",
    "- La boîte et la page web du thermostat **Hearthly T3** indiquent : *Fabriqué pour et pris en charge par Hearthly Oy, Helsinki*.",
  ),
  "ORG-2": entry(
    "Point de contact public pour les failles de sécurité",
    "Le vendeur DOIT offrir un point de contact public où chacun peut signaler un problème de sécurité sans compte, sans preuve d’achat et sans accord de confidentialité.",
    "L’URL du point de contact, par exemple `https://example.com/.well-known/security.txt`, et un lien montrant qu’on l’atteint depuis le site d’assistance.",
    "- Kestrel indique `security@kestrel.example` dans son fichier `security.txt` et sur la page d’assistance de sa sonnette vidéo.",
  ),
  "ORG-3": entry(
    "Politique de divulgation des vulnérabilités publiée",
    "Le vendeur DOIT publier une politique de divulgation des vulnérabilités qui explique aux chercheurs comment signaler un problème, quand ils auront une réponse et comment le signalement sera traité.",
    "L’URL de la politique, accessible depuis la page du produit ou le point de contact de sécurité, et traitant chacun des sujets énumérés.",
    "- La politique de Dustwhirl, publiée sur [example.com/security/policy](https://example.com/security/policy), couvre ses robots aspirateurs et leur application.",
  ),
  "ORG-4": entry(
    "Transparence sur la propriété et le financement",
    "Le vendeur DEVRAIT publier qui possède et contrôle en dernier ressort l’entreprise, y compris toute société mère ou tout investisseur capable d’orienter ses choix de produits.",
    "Un lien vers une page *À propos* datée qui nomme la société mère et tout actionnaire détenant une participation de contrôle ou importante.",
    "- Sparrowlight indique sur sa page de présentation qu’elle est une filiale de Lumora Holdings, dont un fonds de capital-risque détient 30 %.",
  ),
  "ORG-5": entry(
    "Avis pour les vulnérabilités corrigées",
    "Le vendeur DOIT publier un avis de sécurité pour chaque vulnérabilité corrigée qui concerne les propriétaires, avec les versions touchées, la version corrigée et les mesures à prendre.",
    "L’URL des archives ou du flux des avis, avec un exemple d’avis, ou une déclaration datée indiquant qu’aucune vulnérabilité n’a encore été corrigée.",
    "- Keyhaven publie ses avis dans un flux RSS ; l’un d’eux explique que le micrologiciel 2.4.1 de sa serrure corrige une faille d’appairage Bluetooth.",
  ),
  "ORG-6": entry(
    "Rapport de transparence annuel",
    "Le vendeur DEVRAIT publier chaque année un rapport de transparence sur les demandes des autorités portant sur les données des propriétaires, les incidents de sécurité et le nombre de vulnérabilités signalées et corrigées.",
    "Des liens vers les deux derniers rapports, montrant qu’ils paraissent chaque année.",
    "- Le rapport 2025 de Kestrel recense 14 demandes de la police pour des images de sonnette, dont 9 refusées faute de décision de justice.",
  ),
  "ORG-7": entry(
    "Récompenses pour les signalements de vulnérabilités",
    "Le vendeur PEUT récompenser, en argent ou en nature et selon des règles publiées, les personnes qui signalent des vulnérabilités avérées.",
    "L’URL des règles du programme de récompenses, indiquant les montants ou récompenses proposés.",
    "- Nimbus verse de 200 à 5000 euros pour les vulnérabilités de ses enceintes connectées, selon leur gravité.",
  ),
  "HW-1": entry(
    "Aucune interface de débogage ouverte",
    "Le produit NE DOIT PAS être livré avec une interface de débogage, comme JTAG, SWD ou une console série, donnant un accès privilégié sans identifiant propre à l’appareil.",
    "Un rapport de démontage ou une note d’essai d’un laboratoire indépendant montrant que les broches accessibles ne donnent ni shell ni accès mémoire sans identifiant propre à l’appareil.",
    "- Le connecteur UART de la prise **Plugmate Mini** affiche les messages de démarrage mais demande un mot de passe propre à l’appareil avant d’ouvrir un shell.",
  ),
  "HW-2": entry(
    "Réparable avec des outils courants",
    "Le produit DEVRAIT être conçu pour que les pièces les plus fragiles, comme la batterie, l’alimentation, les boutons et l’écran, se remplacent avec des outils ordinaires et sans casser le boîtier.",
    "Un guide de réparation publié, photos à l’appui, ou un rapport de démontage indépendant qui évalue la réparabilité et liste les outils nécessaires.",
    "- Le robot aspirateur **Dustwhirl R5** n’utilise que des vis cruciformes ; brosses, roues et batterie se remplacent chacune en moins de dix minutes.",
  ),
  "HW-3": entry(
    "Pièces détachées pendant la période de support",
    "Le fabricant DOIT vendre, à un prix raisonnable, les pièces détachées des composants les plus fragiles pendant au moins la période de support déclarée du produit.",
    "L’URL de la boutique ou de la liste de prix des pièces détachées, et la déclaration de période de support à laquelle elle se rapporte.",
    "- Dustwhirl vend brosses, filtres, roues et batteries du R5 sur sa boutique en ligne et promet des stocks jusqu’en 2032.",
  ),
  "HW-4": entry(
    "Clés protégées par le matériel",
    "Le produit DEVRAIT conserver ses clés d’identité cryptographiques dans un élément sécurisé ou un stockage isolé matériellement, d’où elles ne peuvent pas être extraites.",
    "La fiche technique ou le livre blanc de sécurité qui nomme l’élément sécurisé ou l’environnement d’exécution de confiance utilisé et les clés qu’il contient.",
    "- La serrure **Keyhaven K2** garde son certificat et ses clés d’ouverture dans un élément sécurisé certifié.",
  ),
  "HW-5": entry(
    "Fonctions essentielles hors ligne",
    "Le produit DOIT continuer d’assurer sa fonction essentielle lorsque la connexion à internet ou le service en nuage du vendeur est indisponible.",
    "Un rapport d’essai, ou la procédure et les résultats d’essai publiés par le vendeur, montrant chaque fonction essentielle déclarée en marche sans connexion à internet.",
    "- Le thermostat Hearthly T3 continue de suivre son programme de chauffage hebdomadaire quand le routeur perd sa connexion.",
  ),
  "HW-6": entry(
    "Reprise et recyclage gratuits",
    "Le fabricant DOIT offrir aux propriétaires un moyen gratuit de rendre le produit en fin de vie pour recyclage, et publier comment l’utiliser.",
    "L’URL de la page de reprise, avec les adresses de dépôt ou une étiquette d’envoi prépayée, et le nom de la filière ou du partenaire de recyclage.",
    "- Les propriétaires Nimbus impriment une étiquette prépayée sur [example.com/recycle](https://example.com/recycle) et envoient leur ancienne enceinte à un recycleur agréé.",
  ),
  "HW-7": entry(
    "Batterie remplaçable par le propriétaire",
    "Le produit DOIT permettre au propriétaire de remplacer sa batterie rechargeable sans outils spéciaux, sans chaleur et sans solvants.",
    "La procédure de remplacement de la batterie dans le manuel ou sur le site d’assistance, avec la référence et le prix de la batterie de rechange.",
    "- Le bracelet **Pulsewise Band 4** a une batterie tenue par deux petites vis ; une batterie neuve coûte 19 euros.",
  ),
  "HW-8": entry(
    "Schémas et documentation des cartes publiés",
    "Le fabricant PEUT publier les schémas, les plans de cartes et la liste des composants du produit, sous une licence qui permet la réparation et la modification.",
    "L’URL de la documentation matérielle publiée et la licence sous laquelle elle est diffusée.",
    "- Plugmate publie les schémas de sa prise sous une licence de matériel libre du CERN, ce qui a aidé des repair cafés à remplacer des relais défaillants.",
  ),
  "SW-1": entry(
    "Aucun mot de passe universel par défaut",
    "Le produit NE DOIT PAS dépendre d’un mot de passe, d’un code PIN ou d’une clé identique sur chaque appareil ou déductible d’informations publiques comme le numéro de série ou l’adresse réseau.",
    "La section de la documentation de sécurité qui explique comment le premier identifiant de chaque appareil est créé, et une note d’essai indépendante comparant au moins deux appareils.",
    "- Chaque babyphone Lullwave porte un code de configuration aléatoire sur une étiquette dans le compartiment à piles.",
  ),
  "SW-2": entry(
    "Date de fin des mises à jour de sécurité déclarée",
    "Le fabricant **DOIT** indiquer, avant l’achat, la date jusqu’à laquelle les mises à jour de sécurité seront fournies, et **NE DOIT PAS** l’avancer ensuite.",
    "Un lien vers la page du produit indiquant la date de fin de support, et une photo de l’emballage ou une fiche de revendeur montrant la même date.",
    "- La boîte du Hearthly T3 porte la mention *Mises à jour de sécurité garanties jusqu’au 31 décembre 2033*.",
  ),
  "SW-3": entry(
    "Correctifs rapides pour les vulnérabilités graves",
    "Le vendeur DOIT publier un correctif ou un contournement documenté pour toute vulnérabilité de gravité élevée ou critique dans les 90 jours suivant sa découverte, tant que le produit est pris en charge.",
    "L’engagement publié du vendeur sur les délais de correction, et ses archives d’avis, qui permettent de vérifier le délai entre signalement et correctif.",
    "- Nimbus a corrigé une faille d’exécution de code à distance 23 jours après son signalement, et l’avis donne les deux dates.",
  ),
  "SW-4": entry(
    "Mises à jour signées cryptographiquement",
    "Le produit DOIT n’installer que les mises à jour logicielles dont il a vérifié la signature cryptographique avec une clé conservée sur l’appareil.",
    "La section du livre blanc de sécurité qui décrit le schéma de signature et la garde des clés, ou un rapport de laboratoire montrant qu’une image modifiée est refusée.",
    "- Le Dustwhirl R5 vérifie une signature Ed25519 sur chaque image avant de l’écrire sur la partition inactive, et revient en arrière si le nouveau système ne démarre pas.",
  ),
  "SW-5": entry(
    "Mises à jour de sécurité automatiques par défaut",
    "Le produit DEVRAIT installer les mises à jour de sécurité automatiquement dès sa mise en service, tout en laissant le propriétaire les reporter ou désactiver l’installation automatique.",
    "Le manuel ou la page d’assistance qui décrit le réglage par défaut des mises à jour et comment le propriétaire peut le changer.",
    "- Les serrures Keyhaven installent les mises à jour entre 2 et 4 heures du matin, et jamais porte ouverte.",
  ),
  "SW-6": entry(
    "Interface locale documentée",
    "Le produit DEVRAIT offrir sur le réseau local une interface documentée permettant au propriétaire de lire son état et de commander ses fonctions sans passer par le nuage du vendeur.",
    "L’URL de la documentation publique de l’interface, et la liste des fonctions disponibles en local.",
    "- Les ampoules Sparrowlight répondent à `GET /api/v1/state` sur le réseau domestique.",
  ),
  "SW-7": entry(
    "Code source publié à la fin du support",
    "À la fin du support de sécurité, le vendeur DOIT publier le code source du micrologiciel sous licence libre, avec les instructions de compilation et les moyens d’installer ses propres versions.",
    "Un engagement public sur la page du produit de publier le code, puis, à la fin du support, l’URL du dépôt et sa licence.",
    "- À la fin du support de l’enceinte **Nimbus One**, Nimbus a publié son micrologiciel sur [example.org/nimbus-one](https://example.org/nimbus-one).",
  ),
  "SW-8": entry(
    "Nomenclature logicielle pour chaque version",
    "Le vendeur DEVRAIT publier, pour chaque version du micrologiciel, une nomenclature logicielle lisible par machine qui liste les composants tiers inclus et leurs versions.",
    "L’URL où sont publiées les nomenclatures, avec le fichier de la version actuelle du micrologiciel.",
    "- Chaque note de version Keyhaven renvoie à un fichier SPDX listant le système d’exploitation, la bibliothèque TLS et la pile Bluetooth.",
  ),
  "SW-9": entry(
    "Micrologiciel alternatif installable par le propriétaire",
    "Le produit PEUT permettre au propriétaire d’installer un micrologiciel non signé par le vendeur, après une étape de déverrouillage explicite.",
    "La page d’assistance qui documente la procédure de déverrouillage et ses conséquences.",
    "- Les prises Plugmate se déverrouillent depuis leur page web locale ; après confirmation et réinitialisation, elles acceptent un micrologiciel communautaire.",
  ),
  "LEGAL-1": entry(
    "Résumé des conditions en langage clair",
    "Le vendeur DOIT fournir, à côté des conditions générales complètes, un résumé d’une page en langage clair indiquant ce que paie le propriétaire, les données collectées, la durée du support et comment le contrat peut prendre fin.",
    "L’URL du résumé, placé à côté du lien vers les conditions complètes et traitant chacun des quatre sujets énumérés.",
    "- L’application Lullwave affiche un résumé avant la création du compte : *Vous ne payez rien après l’achat.*",
  ),
  "LEGAL-2": entry(
    "Aucun retrait unilatéral de fonctions",
    "Le vendeur NE DOIT PAS retirer ni dégrader, par une mise à jour ou un changement de service, une fonction annoncée lors de la vente sans l’accord du propriétaire.",
    "La clause des conditions générales qui contient cet engagement, et la politique publiée du vendeur sur le remboursement des fonctions retirées.",
    "- Quand un partenaire d’assistant vocal a fermé, Nimbus a ajouté à ses enceintes des commandes vocales sur l’appareil au lieu de supprimer la fonction.",
  ),
  "LEGAL-3": entry(
    "Garantie au-delà du minimum légal",
    "Le fabricant DEVRAIT offrir une garantie d’au moins trois ans couvrant les pannes matérielles et les défauts logiciels qui empêchent le produit de fonctionner comme annoncé.",
    "La déclaration de garantie sur la page du produit ou dans le manuel, indiquant sa durée et ce qu’elle couvre.",
    "- Dustwhirl garantit le R5 quatre ans, batterie comprise les deux premières années.",
  ),
  "LEGAL-4": entry(
    "Aucun arbitrage imposé",
    "Les conditions du vendeur NE DOIVENT PAS obliger les propriétaires à régler leurs litiges par un arbitrage obligatoire ni à renoncer à participer à une action collective.",
    "Un lien vers la section des conditions générales consacrée au règlement des litiges, montrant qu’elle ne contient aucune telle obligation.",
    "- Les conditions de Keyhaven proposent une médiation facultative par un médiateur de la consommation et laissent ouverte la voie judiciaire.",
  ),
  "LEGAL-5": entry(
    "Droit de revendre et de céder",
    "Le vendeur DOIT permettre au propriétaire de vendre, donner ou céder autrement le produit, avec toutes ses fonctions, à un nouveau propriétaire.",
    "La page d’assistance qui décrit comment céder le produit, et la clause des conditions qui autorise la revente.",
    "- Un thermostat Hearthly d’occasion se détache de l’ancien compte par un appui long sur la molette et rejoint le compte de l’acheteur.",
  ),
  "LEGAL-6": entry(
    "Aucun abonnement pour les fonctions essentielles",
    "Le vendeur NE DEVRAIT PAS exiger d’abonnement payant pour une fonction dont le produit a besoin pour remplir sa fonction essentielle.",
    "La page du produit indiquant, avant l’achat, les fonctions gratuites et celles qui demandent un abonnement.",
    "- La sonnette Kestrel affiche la vidéo en direct et envoie les alertes de mouvement gratuitement ; seul l’historique des enregistrements est payant.",
  ),
  "LEGAL-7": entry(
    "Préavis des changements de conditions",
    "Le vendeur DOIT prévenir les propriétaires au moins 30 jours avant l’entrée en vigueur d’un changement important des conditions générales ou de la politique de confidentialité, et l’expliquer en termes simples.",
    "La clause des conditions qui fixe le délai de préavis, et une page d’archives listant les versions précédentes avec leurs dates d’effet.",
    "- Sparrowlight a écrit aux propriétaires six semaines avant de modifier sa politique de confidentialité, avec un résumé de trois phrases.",
  ),
  "LEGAL-8": entry(
    "Séquestre pour la continuité du service en nuage",
    "Le vendeur PEUT déposer auprès d’un agent de séquestre indépendant le logiciel serveur et les clés nécessaires au service en nuage, à remettre si le vendeur cesse son activité.",
    "Une déclaration publique nommant l’agent de séquestre et décrivant les conditions de remise du dépôt.",
    "- Hearthly dépose son service en nuage auprès d’une société de séquestre ; si Hearthly ferme, une association de propriétaires pourra le faire tourner.",
  ),
  "DATA-1": entry(
    "Ne collecter que le nécessaire",
    "Le produit **DOIT** ne collecter que les données personnelles dont ses fonctions ont besoin, et le fabricant **DOIT** indiquer, pour chaque donnée collectée, la fonction qui en a besoin.",
    "La section de la politique de confidentialité qui liste chaque catégorie de données collectées et la fonction qu’elle sert, et, si possible, une analyse indépendante du trafic réseau du produit.",
    "- L’application Plugmate ne demande la localisation que lorsque le propriétaire active la règle *éteindre quand je pars*, et explique pourquoi.",
  ),
  "DATA-2": entry(
    "Consentement distinct pour les données facultatives",
    "Le produit DOIT demander le consentement distinct et éclairé du propriétaire avant de collecter ou d’envoyer toute donnée dont les fonctions choisies n’ont pas besoin.",
    "Des captures des écrans de consentement de l’application publiées sur le site d’assistance, et la section de la politique de confidentialité expliquant comment retirer son consentement.",
    "- À la configuration, l’application Dustwhirl propose une case non cochée pour *partager des statistiques de nettoyage anonymes* ; l’aspirateur fonctionne de la même façon dans les deux cas.",
  ),
  "DATA-3": entry(
    "Traitement local par défaut",
    "Le produit DEVRAIT traiter les données audio, vidéo et de capteurs sur l’appareil ou sur le réseau du propriétaire, et ne les envoyer dans le nuage que lorsque le propriétaire demande une fonction qui en a besoin.",
    "La documentation du produit indiquant les données traitées localement, et une analyse de trafic indépendante confirmant que l’audio ou la vidéo brute n’est pas envoyée par défaut.",
    "- Le babyphone Lullwave détecte les pleurs sur la caméra même et n’envoie la vidéo qu’à l’unité parent, sur le réseau local.",
  ),
  "DATA-4": entry(
    "Export des données dans un format ouvert",
    "Le vendeur DOIT permettre au propriétaire de télécharger toutes les données détenues sur lui et ses appareils dans un format documenté et lisible par machine.",
    "La page d’assistance qui explique comment demander un export, et la description publiée du format d’export.",
    "- Les propriétaires Hearthly peuvent télécharger cinq ans d’historique de température et de chauffage au format CSV depuis leur compte.",
  ),
  "DATA-5": entry(
    "Suppression facile des données personnelles",
    "Le vendeur DOIT donner aux propriétaires un moyen simple de supprimer leurs données personnelles de l’appareil et des services du vendeur.",
    "Les pages d’assistance décrivant la réinitialisation et la suppression du compte, et la section de la politique de confidentialité indiquant le délai de suppression des sauvegardes.",
    "- Supprimer un compte Kestrel depuis l’application efface aussitôt les clips enregistrés et purge les sauvegardes sous 14 jours.",
  ),
  "DATA-6": entry(
    "Liste publique des destinataires tiers",
    "Le vendeur DOIT publier la liste de tous les tiers qui reçoivent des données personnelles du produit ou de son application, avec la finalité et les catégories de données reçues par chacun.",
    "L’URL de la liste des destinataires, accessible depuis la politique de confidentialité, avec la date de sa dernière mise à jour.",
    "- La liste de Sparrowlight nomme son hébergeur, son service de rapports d’erreurs et son fournisseur d’e-mails.",
  ),
  "DATA-7": entry(
    "Durées de conservation publiées",
    "Le vendeur DOIT indiquer combien de temps chaque catégorie de données personnelles est conservée, et la supprimer ou l’anonymiser à la fin de cette durée.",
    "La section de la politique de confidentialité qui donne la durée de conservation de chaque catégorie de données.",
    "- Keyhaven conserve le journal des entrées de la serrure 90 jours, et les données du compte jusqu’à sa suppression.",
  ),
  "DATA-8": entry(
    "Aucune vente des données personnelles",
    "Le vendeur NE DOIT PAS vendre les données personnelles des propriétaires ni les utiliser pour de la publicité ciblée.",
    "La clause de la politique de confidentialité qui contient cet engagement en termes simples.",
    "- La politique de confidentialité de Plugmate commence par : *Nous ne vendons pas vos données et ne vous montrons pas de publicité fondée sur elles.*",
  ),
  "DATA-9": entry(
    "Interrupteur physique pour caméra et micro",
    "Le produit PEUT offrir un interrupteur ou un cache physique qui déconnecte sa caméra ou son micro, avec un voyant qu’aucun logiciel ne peut contourner.",
    "Des photos du produit ou un rapport de démontage montrant l’interrupteur et confirmant qu’il coupe électriquement le capteur ou le masque physiquement.",
    "- L’enceinte Nimbus a un curseur qui coupe l’alimentation des micros et allume une LED rouge reliée directement à l’interrupteur.",
  ),
  "DATA-10": entry(
    "Propriétaires informés des fuites de données",
    "Le vendeur **DOIT** informer les propriétaires touchés par une fuite de leurs données personnelles dans les 72 heures après l’avoir apprise, en précisant ce qui a été exposé et ce qu’ils peuvent faire.",
    "La politique de réponse aux incidents qui indique qui informe les propriétaires et comment, et les avis envoyés après les fuites passées.",
    "- Après une fuite d’adresses e-mail, Hearthly a écrit à chaque propriétaire touché sous deux jours, avec la marche à suivre pour changer de mot de passe.",
  ),
};

/** The demo's German translation of 1.1.0, in progress: the first clauses only. */
export const germanClauses: Record<string, DemoTranslation> = {
  "ORG-1": entry(
    "Benannte verantwortliche Stelle für das Produkt",
    "Der Anbieter MUSS auf der Produktseite und in der gedruckten Dokumentation die juristische Person nennen, die für das Produkt einsteht, mit ihrer eingetragenen Anschrift.",
    "Links zur Produktseite oder zum Abschnitt des Handbuchs, der die verantwortliche Stelle nennt, und zu ihrem Eintrag in einem öffentlichen Handelsregister.",
    "- Verpackung und Webseite des Thermostats **Hearthly T3** nennen: *Hergestellt für und betreut von Hearthly Oy, Helsinki*.",
  ),
  "ORG-2": entry(
    "Öffentliche Kontaktstelle für Sicherheitsmeldungen",
    "Der Anbieter MUSS eine öffentliche Kontaktstelle bereitstellen, bei der jede Person ein Sicherheitsproblem ohne Konto, Kaufnachweis oder Geheimhaltungsvereinbarung melden kann.",
    "Die URL der Kontaktstelle, zum Beispiel `https://example.com/.well-known/security.txt`, und ein Link, der zeigt, dass sie von der Support-Seite aus erreichbar ist.",
    "- Kestrel nennt `security@kestrel.example` in seiner Datei `security.txt` und auf der Support-Seite seiner Video-Türklingel.",
  ),
  "ORG-3": entry(
    "Veröffentlichte Richtlinie zur Offenlegung von Schwachstellen",
    "Der Anbieter MUSS eine Richtlinie zur Offenlegung von Schwachstellen veröffentlichen, die Forschenden sagt, wie sie ein Problem melden, wann sie Antwort erhalten und wie die Meldung bearbeitet wird.",
    "Die URL der Richtlinie, verlinkt von der Produktseite oder der Sicherheitskontaktstelle, in der jedes der genannten Themen behandelt wird.",
    "- Die Richtlinie von Dustwhirl unter [example.com/security/policy](https://example.com/security/policy) gilt für seine Saugroboter und die zugehörige App.",
  ),
  "SW-1": entry(
    "Keine einheitlichen Standardpasswörter",
    "Das Produkt DARF NICHT auf ein Passwort, eine PIN oder einen Schlüssel angewiesen sein, die auf jedem Gerät gleich sind oder sich aus öffentlichen Angaben wie Seriennummer oder Netzwerkadresse ableiten lassen.",
    "Der Abschnitt der Sicherheitsdokumentation, der erklärt, wie die erste Zugangsberechtigung jedes Geräts erzeugt wird, und ein unabhängiger Prüfbericht, der mindestens zwei Geräte vergleicht.",
    "- Jedes Lullwave-Babyphone hat einen zufälligen Einrichtungscode auf einem Aufkleber im Batteriefach.",
  ),
};
