namespace LabelerWorkbench.Domain.Quality.Scoring;

/// <summary>
/// The optimal one-to-one assignment of rows to columns for a cost matrix (Kuhn–Munkres with potentials, O(n³)).
/// Greedy matching by best IoU can steal a region's true partner; the optimal assignment cannot.
/// </summary>
public static class HungarianAssignment
{
    /// <summary>For each row, the column it is assigned to (every row gets one when rows ≤ columns, else -1 for the rest).</summary>
    public static int[] Solve(double[,] cost)
    {
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        var n = Math.Max(rows, cols);
        if (n == 0) return [];
        // 1-based arrays as in the textbook formulation; padding cells cost 0.
        var u = new double[n + 1];
        var v = new double[n + 1];
        var match = new int[n + 1]; // match[column] = row
        var way = new int[n + 1];
        for (var i = 1; i <= n; i++)
        {
            match[0] = i;
            var j0 = 0;
            var minv = new double[n + 1];
            Array.Fill(minv, double.PositiveInfinity);
            var used = new bool[n + 1];
            do
            {
                used[j0] = true;
                int i0 = match[j0], j1 = 0;
                var delta = double.PositiveInfinity;
                for (var j = 1; j <= n; j++)
                {
                    if (used[j]) continue;
                    var c = Cost(cost, i0 - 1, j - 1, rows, cols) - u[i0] - v[j];
                    if (c < minv[j]) { minv[j] = c; way[j] = j0; }
                    if (minv[j] < delta) { delta = minv[j]; j1 = j; }
                }
                for (var j = 0; j <= n; j++)
                {
                    if (used[j]) { u[match[j]] += delta; v[j] -= delta; }
                    else minv[j] -= delta;
                }
                j0 = j1;
            } while (match[j0] != 0);
            do
            {
                var j1 = way[j0];
                match[j0] = match[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        var result = new int[rows];
        Array.Fill(result, -1);
        for (var j = 1; j <= n; j++)
        {
            if (match[j] >= 1 && match[j] <= rows && j <= cols) result[match[j] - 1] = j - 1;
        }
        return result;
    }

    static double Cost(double[,] cost, int i, int j, int rows, int cols) => i < rows && j < cols ? cost[i, j] : 0;
}
