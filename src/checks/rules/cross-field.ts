import { valueText } from '../../domain/value-text.js';
import { fillMessage } from '../../messages.ja.js';
import type { CheckContext, CheckRule } from '../context.js';
import { RULE_MESSAGES_JA as M } from '../messages.ja.js';
import { parseCountRange } from '../ranges.js';
import type { Hit } from '../types.js';
import { isBlank } from './values.js';

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
  const entries = context.list(listPointer).length;
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
  if (context.get(`${status}/value`) !== context.option(`${status}/value`, 0)) return []; // 委託する
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
  if (chosen !== context.option(value, 0) && chosen !== context.option(value, 1)) return [];
  return flagMismatch(context, `${risks(file)}/consignment/notConsigned`, chosen === context.option(value, 1), value);
});

const checkReconsignment = perFile((context, file) => {
  const items = context
    .list(`${overview(file)}/consignment/items`)
    .map((_, i) => `${overview(file)}/consignment/items/${i}`);
  const says = (item: string, index: number): boolean =>
    context.get(`${item}/reconsignment`) === context.option(`${item}/reconsignment`, index);
  const hits: Hit[] = items
    .filter((item) => says(item, 0))
    .flatMap((item) =>
      ['reconsignmentPermission', 'reconsignmentMatters']
        .filter((part) => isBlank(context.get(`${item}/${part}`)))
        .map((part) => ({
          pointers: [`${item}/${part}`, `${item}/reconsignment`],
          message: fillMessage(M.reconsignmentDetailsMissing, { item: context.label(`${item}/${part}`) }),
        })),
    );
  const handling = `${risks(file)}/consignment/risk/reconsigneeHandling/value`;
  const notReconsigning = context.option(handling, 3); // 再委託していない
  const chosen = context.get(handling);
  if (items.length === 0 || chosen === null || chosen === undefined) return hits;
  const none = items.every((item) => says(item, 1));
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

const checkProvisionFlag = perFile((context, file) => {
  const status = `${overview(file)}/provision/status`;
  const providesAny = context.get(`${status}/providing`) === true || context.get(`${status}/transferring`) === true;
  const cause = providesAny
    ? `${status}/${context.get(`${status}/providing`) === true ? 'providing' : 'transferring'}`
    : `${status}/none`;
  return flagMismatch(context, `${risks(file)}/provision/notProvided`, !providesAny, cause);
});

const checkNetworkFlags = (context: CheckContext): Hit[] => {
  const chosen = context.get(NETWORK);
  const notImplemented = chosen === context.option(NETWORK, 1); // 実施しない
  if (!notImplemented && chosen !== context.option(NETWORK, 0)) return [];
  return context.files.flatMap((file) => {
    const flags = ['notConnectedAcquisition', 'notConnectedProvision'].map((flag) => `${risks(file)}/network/${flag}`);
    // 実施する with both boxes ticked says the file never meets the network: Ⅰ and Ⅲ disagree.
    if (!notImplemented)
      return flags.every((flag) => context.get(flag) === true) ? flagMismatch(context, flags[0]!, false, NETWORK) : [];
    return flags.flatMap((flag) => flagMismatch(context, flag, true, NETWORK));
  });
};

const checkSystemConnections = (context: CheckContext): Hit[] => {
  if (context.get(NETWORK) !== context.option(NETWORK, 1)) return []; // 実施しない
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
  const systems = context.list('/basicInfo/systems');
  if (systems.length === 0)
    return [
      {
        pointers: ['/basicInfo/systems'],
        message: fillMessage(M.noSystem, { item: context.path('/basicInfo/systems').join(' > ') }),
      },
    ];
  return systems.flatMap((_, i) => {
    const pointer = `/basicInfo/systems/${i}/name`;
    return isBlank(context.get(pointer))
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
    ...context
      .list(`${overview(file)}/provision/recipients`)
      .map((_, i) => `${overview(file)}/provision/recipients/${i}/personCount`),
    ...context
      .list(`${overview(file)}/provision/transferees`)
      .map((_, i) => `${overview(file)}/provision/transferees/${i}/personCount`),
    ...context
      .list(`${overview(file)}/consignment/items`)
      .map((_, i) => `${overview(file)}/consignment/items/${i}/scope/personCount`),
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
