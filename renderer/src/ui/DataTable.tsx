import type { ReactNode } from 'react';

export interface Column<Row> {
  /** Stable id of the column. */
  id: string;
  header: ReactNode;
  cell(row: Row): ReactNode;
  /** Right-aligned numbers. */
  numeric?: boolean;
}

interface DataTableProps<Row> {
  /** Names the table for assistive technology; shown unless `captionHidden`. */
  caption: string;
  captionHidden?: boolean;
  columns: Array<Column<Row>>;
  rows: Row[];
  rowKey(row: Row): string;
  /** Extra attributes a test or a style reads, per row. */
  rowProps?(row: Row): Record<`data-${string}`, string>;
}

export function DataTable<Row>({ caption, captionHidden = false, columns, rows, rowKey, rowProps }: DataTableProps<Row>) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.id} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((column) => (
                <td key={column.id} className={column.numeric ? 'numeric' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
