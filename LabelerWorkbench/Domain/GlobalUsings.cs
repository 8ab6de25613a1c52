// The kernel's vocabulary is used everywhere in the app and its tests; its namespaces are imported once, here.
global using LabelerWorkbench.Domain;
global using LabelerWorkbench.Domain.Consensus;
global using LabelerWorkbench.Domain.Export;
global using LabelerWorkbench.Domain.Geometry;
global using LabelerWorkbench.Domain.Quality;
global using LabelerWorkbench.Domain.Quality.Gold;
global using LabelerWorkbench.Domain.Quality.Sampling;
global using LabelerWorkbench.Domain.Quality.Scoring;
global using LabelerWorkbench.Domain.Quality.Simulation;
global using LabelerWorkbench.Domain.Quality.Statistics;
global using LabelerWorkbench.Domain.Regions;
global using LabelerWorkbench.Domain.Schema;
global using LabelerWorkbench.Domain.Tasks;
global using LabelerWorkbench.Domain.Text;
