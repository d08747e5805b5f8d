import { valueText } from '../../domain/value-text.js';
import { fillMessage } from '../../messages.ja.js';
import type { CheckContext, CheckRule } from '../context.js';
import { RULE_MESSAGES_JA as M } from '../messages.ja.js';
import { OPTION } from '../options.js';
import { parseCountRange } from '../ranges.js';
import type { Hit } from '../types.js';
import { saysNothing } from '../../domain/blank.js';
import { formatValue, nodeAtPointer } from '../../schema/index.js';

const overview = (file: number): string => `/files/${file}/overview`;
const risks = (file: number): string => `/files/${file}/riskMeasures`;
const NETWORK = '/basicInfo/networkLinkage/implementation';

/** Per file: the hits of one check. */
const perFile =
  (check: (context: CheckContext, file: number) => Hit[]) =>
  (context: CheckContext): Hit[] =>
    context.files.flatMap((file) => check(context, file));

const countMismatch = (context: CheckContext, countPointer: string, listPointer: string): Hit[] => {
  const declared = context.get(countPointer);
  const entries = context.entries(listPointer).length;
  if (declared === entries) return [];
  const entryLabel = context.path(`${listPointer}/0`).at(-1)?.replace(/\d+$/, '') ?? '';
  return [
    {
      pointers: [countPointer, listPointer],
      message: fillMessage(M.countMismatch, {
        declared: typeof declared === 'number' ? fillMessage(M.countValue, { count: declared }) : M.countBlank,
        entries,
        entry: entryLabel,
      }),
    },
  ];
};

const checkConsignmentCount = perFile((context, file) => {
  const status = `${overview(file)}/consignment/status`;
  if (context.get(`${status}/value`) !== OPTION.consign) return [];
  return countMismatch(context, `${status}/count`, `${overview(file)}/consignment/items`);
});

const checkProvisionCount = perFile((context, file) => {
  const status = `${overview(file)}/provision/status`;
  return [
    ...(context.get(`${status}/providing`) === true
      ? countMismatch(context, `${status}/providingCount`, `${overview(file)}/provision/recipients`)
      : []),
    ...(context.get(`${status}/transferring`) === true
      ? countMismatch(context, `${status}/transferringCount`, `${overview(file)}/provision/transferees`)
      : []),
  ];
});

/** A Ⅲ heading check box (`[ ] 委託しない`) that disagrees with what Ⅱ says. */
const flagMismatch = (context: CheckContext, flag: string, expected: boolean, cause: string): Hit[] =>
  context.get(flag) === expected
    ? []
    : [
        {
          pointers: [flag, cause],
          message: fillMessage(expected ? M.flagExpected : M.flagUnexpected, {
            flag: context.label(flag),
            cause: context.path(cause).join(' > '),
            value: valueText(context.get(cause)),
          }),
        },
      ];

const checkConsignmentFlag = perFile((context, file) => {
  const value = `${overview(file)}/consignment/status/value`;
  const chosen = context.get(value);
  if (chosen !== OPTION.consign && chosen !== OPTION.notConsign) return [];
  return flagMismatch(context, `${risks(file)}/consignment/notConsigned`, chosen === OPTION.notConsign, value);
});

const checkReconsignment = perFile((context, file) => {
  const items = context.entries(`${overview(file)}/consignment/items`);
  const says = (item: string, option: string): boolean => context.get(`${item}/reconsignment`) === option;
  const hits: Hit[] = items
    .filter((item) => says(item, OPTION.reconsign))
    .flatMap((item) =>
      ['reconsignmentPermission', 'reconsignmentMatters']
        .filter((part) => saysNothing(context.get(`${item}/${part}`)))
        .map((part) => ({
          pointers: [`${item}/${part}`, `${item}/reconsignment`],
          message: fillMessage(M.reconsignmentDetailsMissing, { item: context.label(`${item}/${part}`) }),
        })),
    );
  const handling = `${risks(file)}/consignment/risk/reconsigneeHandling/value`;
  const notReconsigning = OPTION.notReconsigning;
  const chosen = context.get(handling);
  if (items.length === 0 || chosen === null || chosen === undefined) return hits;
  const none = items.every((item) => says(item, OPTION.notReconsign));
  if (none !== (chosen === notReconsigning)) {
    hits.push({
      pointers: [handling, `${items[0]}/reconsignment`],
      message: fillMessage(none ? M.reconsigneeHandlingNone : M.reconsigneeHandlingSome, {
        item: context.path(handling).join(' > '),
        expected: notReconsigning,
        value: valueText(chosen),
      }),
    });
  }
  return hits;
});

/** A 提供先 whose only ticked ⑥提供方法 is the 情報提供ネットワークシステム: Ⅲ５ does not cover it. */
const onlyThroughNetwork = (methods: unknown): boolean => {
  if (typeof methods !== 'object' || methods === null) return false;
  const isTicked = (box: unknown): boolean =>
    box === true || (typeof box === 'object' && box !== null && (box as { checked?: unknown }).checked === true);
  const ticked = Object.entries(methods).filter(([, box]) => isTicked(box));
  return ticked.length === 1 && ticked[0]![0] === 'infoNetwork';
};

/**
 * The items of Ⅱ５ that Ⅲ５ covers: 提供・移転 other than through 委託 and the 情報提供ネットワークシステム
 * (yoshiki4.md §14.2). A transfer always counts; a 提供先 unless its only method is the network; 提供を行っている
 * without any 提供先 written counts as well, since nothing shows how it provides.
 */
const provisionCoveredByRisks = (context: CheckContext, file: number): string[] => {
  const status = `${overview(file)}/provision/status`;
  const causes: string[] = [];
  if (context.get(`${status}/providing`) === true) {
    const recipients = context.entries(`${overview(file)}/provision/recipients`);
    if (recipients.length === 0) causes.push(`${status}/providing`);
    const covered = recipients.filter((entry) => !onlyThroughNetwork(context.get(`${entry}/methods`)));
    causes.push(...covered.map((entry) => `${entry}/methods`));
  }
  if (context.get(`${status}/transferring`) === true) causes.push(`${status}/transferring`);
  return causes;
};

const checkProvisionFlag = perFile((context, file) => {
  const status = `${overview(file)}/provision/status`;
  // A form on which Ⅱ５ is not answered yet has nothing to compare Ⅲ５ with.
  if (!['providing', 'transferring', 'none'].some((box) => context.get(`${status}/${box}`) === true)) return [];
  const flag = `${risks(file)}/provision/notProvided`;
  const [cause] = provisionCoveredByRisks(context, file);
  const ticked = context.get(flag) === true;
  if (cause !== undefined && ticked) {
    const where = context.path(cause).slice(-2).join(' > ');
    return [{ pointers: [flag, cause], message: fillMessage(M.provisionFlagUnexpected, { cause: where, flag: context.label(flag) }) }];
  }
  // Provision only through the network leaves the box to the officer: 003 ticks it, 004 describes its measures.
  const providesNothing = context.get(`${status}/providing`) !== true && context.get(`${status}/transferring`) !== true;
  if (providesNothing && !ticked) {
    const printed = formatValue(nodeAtPointer(context.form, status)!, context.get(status)) ?? '';
    const message = fillMessage(M.provisionFlagExpected, { flag: context.label(flag), status: printed });
    return [{ pointers: [flag, status], message }];
  }
  return [];
});

const checkNetworkFlags = (context: CheckContext): Hit[] => {
  const chosen = context.get(NETWORK);
  const notImplemented = chosen === OPTION.notImplement;
  if (!notImplemented && chosen !== OPTION.implement) return [];
  return context.files.flatMap((file) => {
    const flags = ['notConnectedAcquisition', 'notConnectedProvision'].map((flag) => `${risks(file)}/network/${flag}`);
    // 実施する with both boxes ticked says the file never meets the network: Ⅰ and Ⅲ disagree.
    if (!notImplemented)
      return flags.every((flag) => context.get(flag) === true) ? flagMismatch(context, flags[0]!, false, NETWORK) : [];
    return flags.flatMap((flag) => flagMismatch(context, flag, true, NETWORK));
  });
};

const checkSystemConnections = (context: CheckContext): Hit[] => {
  if (context.get(NETWORK) !== OPTION.notImplement) return [];
  return context.list('/basicInfo/systems').flatMap((_, i) => {
    const pointer = `/basicInfo/systems/${i}/connections/infoNetwork`;
    return context.get(pointer) === true
      ? [
          {
            pointers: [pointer, NETWORK],
            message: fillMessage(M.systemConnectsNetwork, {
              network: context.path(NETWORK).join(' > '),
              value: valueText(context.get(NETWORK)),
              item: context.path(pointer).slice(-3).join(' > '),
            }),
          },
        ]
      : [];
  });
};

const checkSystemCount = (context: CheckContext): Hit[] => {
  const systems = context.entries('/basicInfo/systems');
  if (systems.length === 0)
    return [
      {
        pointers: ['/basicInfo/systems'],
        message: fillMessage(M.noSystem, { item: context.path('/basicInfo/systems').join(' > ') }),
      },
    ];
  return systems.flatMap((system) => {
    const pointer = `${system}/name`;
    return saysNothing(context.get(pointer))
      ? [
          {
            pointers: [pointer],
            message: fillMessage(M.systemUnnamed, { item: context.path(pointer).slice(-2).join(' > ') }),
          },
        ]
      : [];
  });
};

const checkFileNames = perFile((context, file) => {
  const name = context.text(`${overview(file)}/fileName`);
  if (name === '') return [];
  const hits: Hit[] = [];
  const riskName = `${risks(file)}/fileName`;
  if (context.text(riskName) !== name)
    hits.push({
      pointers: [riskName, `${overview(file)}/fileName`],
      message: fillMessage(M.fileNameDiffers, {
        a: context.path(`${overview(file)}/fileName`).join(' > '),
        name,
        b: context.path(riskName).join(' > '),
        other: context.text(riskName),
      }),
    });
  if (!context.text('/basicInfo/fileNames').includes(name))
    hits.push({
      pointers: ['/basicInfo/fileNames', `${overview(file)}/fileName`],
      message: fillMessage(M.fileNameNotListed, {
        a: context.path(`${overview(file)}/fileName`).join(' > '),
        name,
        list: context.path('/basicInfo/fileNames').join(' > '),
      }),
    });
  return hits;
});

/** A file's ②対象となる本人の数 cannot start above the 事務's ③対象人数 (rules.md §9-2). */
const checkFilePersonCount = perFile((context, file) => {
  const pointer = `${overview(file)}/basic/personCount`;
  const fileRange = parseCountRange(context.get(pointer));
  const exact = context.get('/facts/threshold/personCount');
  const upper = typeof exact === 'number' ? exact + 1 : context.threshold.bucket?.max;
  if (!fileRange || upper === undefined || fileRange.min < upper) return [];
  return [
    {
      pointers: [pointer, '/basicInfo/business/targetCount'],
      message: fillMessage(M.filePersonCount, {
        file: valueText(context.get(pointer)),
        target: valueText(context.get('/basicInfo/business/targetCount')),
      }),
    },
  ];
});

/** 提供先・移転先 (and 様式４ 委託事項) cover at most the file's own persons (rules.md §9-3). */
const checkEntryPersonCount = perFile((context, file) => {
  const filePointer = `${overview(file)}/basic/personCount`;
  const fileRange = parseCountRange(context.get(filePointer));
  if (!fileRange) return [];
  const entries = [
    ...context.entries(`${overview(file)}/provision/recipients`).map((entry) => `${entry}/personCount`),
    ...context.entries(`${overview(file)}/provision/transferees`).map((entry) => `${entry}/personCount`),
    ...context.entries(`${overview(file)}/consignment/items`).map((entry) => `${entry}/scope/personCount`),
  ];
  return entries.flatMap((pointer) => {
    const range = parseCountRange(context.get(pointer));
    return range && range.min > fileRange.min
      ? [
          {
            pointers: [pointer, filePointer],
            message: fillMessage(M.entryPersonCount, {
              entry: valueText(context.get(pointer)),
              file: valueText(context.get(filePointer)),
            }),
          },
        ]
      : [];
  });
});

export const CROSS_FIELD_RULES: readonly CheckRule[] = [
  { id: 'consignment.count', severity: 'WARN', check: checkConsignmentCount },
  { id: 'provision.count', severity: 'WARN', check: checkProvisionCount },
  { id: 'consignment.flag', severity: 'WARN', check: checkConsignmentFlag },
  { id: 'consignment.reconsignment', severity: 'WARN', check: checkReconsignment },
  { id: 'provision.flag', severity: 'WARN', check: checkProvisionFlag },
  { id: 'network.flags', severity: 'WARN', check: checkNetworkFlags },
  { id: 'network.systemConnection', severity: 'WARN', check: checkSystemConnections },
  { id: 'systems.count', severity: 'ERROR', check: checkSystemCount },
  { id: 'files.names', severity: 'WARN', check: checkFileNames },
  { id: 'files.personCount', severity: 'WARN', check: checkFilePersonCount },
  { id: 'entries.personCount', severity: 'WARN', check: checkEntryPersonCount },
];
