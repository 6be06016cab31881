export {
  reportModel,
  maxChartBars,
  otherModelsLabel,
  unpricedLabel,
  type ReportModel,
  type ReportCall,
  type ReportFinding,
  type ReportInputs,
  type ChartBar,
} from './model';
export { selectRows, sortKeys, defaultRowQuery, type RowQuery, type SortKey, type SortDirection } from './rows';
export { reportCsv, reportJson, csvColumns } from './export';
