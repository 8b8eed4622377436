"""drafter: draft and check Indonesian LKIP (Laporan Kinerja Instansi Pemerintah) reports."""

__version__ = "0.1.0"
