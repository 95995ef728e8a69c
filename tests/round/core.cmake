# tests of stress rounds: core
